-- One row per contract per SKU per month of consumption per billing month: the rated usage
-- records summed (quantity, the contract price). The monthly usage summary and the
-- usage-to-invoice reconciliation read this instead of the usage records.
-- The only materialization of rating: incremental by month of consumption, a run deletes and
-- re-inserts the months in int_usage_months_reopened (the open months and months reopened by
-- late usage) and keeps the closed months as summed.
-- depends_on: {{ ref('int_usage_months_reopened') }}
{{ infra_accounting.incremental_by_usage_month() }}

with
rated_usage as (
    select * from {{ ref('int_usage_records_rated') }}
    where
        rating_status = 'rated'
        {{ infra_accounting.reopened_usage_months_filter() }}
),

final as (
    select
        contract_id,
        sku,
        usage_month,
        billing_month,
        max(unit_price) as unit_price,
        sum(quantity) as usage_quantity,
        count(*) as usage_record_count
    from rated_usage
    group by contract_id, sku, usage_month, billing_month
)

select * from final
