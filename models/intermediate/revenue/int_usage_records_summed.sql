-- One row per rating status per customer per contract per SKU per month of consumption per
-- billing month: the usage records summed (quantity, count) by how rating matched them, the
-- rated groups priced (the contract's price of the SKU, one per contract and SKU; a rated
-- record has a known SKU and a contract, so its price row exists).
-- The monthly usage summary and the usage-to-invoice reconciliation read its rated rows
-- instead of the usage records; int_usage_records_unrated rates again only the records of its
-- unrated groups, so one pass over the records serves both (DECISIONLOG R-011).
-- The only materialization of rating: incremental by month of consumption, a run deletes and
-- re-inserts the months in int_usage_months_reopened (the open months and months reopened by
-- late usage) and keeps the closed months as summed.
-- depends_on: {{ ref('int_usage_months_reopened') }}
{{ infra_accounting.incremental_by_usage_month() }}

with
contracted_usage as (
    select * from {{ ref('int_usage_records_contracted') }}
    where
        true
        {{ infra_accounting.reopened_usage_months_filter() }}
),

contract_sku_prices as (select * from {{ ref('int_contract_sku_prices') }}),

-- the records summed first, then the rated groups priced: one price per contract and SKU
summed as (
    select
        rating_status,
        customer_id,
        contract_id,
        sku,
        usage_month,
        billing_month,
        sum(quantity) as usage_quantity,
        count(*) as usage_record_count
    from contracted_usage
    group by rating_status, customer_id, contract_id, sku, usage_month, billing_month
),

final as (
    select
        summed.rating_status,
        summed.customer_id,
        summed.contract_id,
        summed.sku,
        summed.usage_month,
        summed.billing_month,
        contract_sku_prices.unit_price,
        summed.usage_quantity,
        summed.usage_record_count
    from summed
    left join contract_sku_prices
        on summed.contract_id = contract_sku_prices.contract_id
            and summed.sku = contract_sku_prices.sku
            and summed.rating_status = 'rated'
)

select * from final
