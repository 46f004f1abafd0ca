-- One row per metered usage record: the contract it belongs to, the price it is rated at
-- and its rating status (rated, or the reason it cannot be rated).
-- A view: the records matched to their contract (int_usage_records_contracted, itself a view
-- over staging) with the price of their contract and SKU (int_contract_sku_prices), for the
-- readers of single records (fct_rated_usage). The rating totals (int_usage_records_summed)
-- sum the matched records first and price the totals.
{{ config(materialized='view') }}

with
contracted_usage as (select * from {{ ref('int_usage_records_contracted') }}),

contract_sku_prices as (select * from {{ ref('int_contract_sku_prices') }}),

priced as (
    select
        contracted_usage.*,
        contract_sku_prices.contract_unit_price,
        -- no price row: no contract (list price, no discount) or an SKU with no price at all
        case
            when contract_sku_prices.contract_id is not null then contract_sku_prices.unit_price
            else
                {{ infra_accounting.rate(
                    'cast(contracted_usage.list_price as decimal(38, 8))'
                    ~ ' * (1 - coalesce(contracted_usage.discount_pct, 0))'
                ) }}
        end as unit_price
    from contracted_usage
    left join contract_sku_prices
        on contracted_usage.contract_id = contract_sku_prices.contract_id
            and contracted_usage.sku = contract_sku_prices.sku
),

final as (
    select
        usage_id,
        customer_id,
        sku,
        location_id,
        usage_date,
        received_date,
        quantity,
        is_known_customer,
        is_known_sku,
        list_price,
        contract_id,
        subsidiary_id,
        contract_type,
        currency_code,
        discount_pct,
        contract_unit_price,
        unit_price,
        case when contract_unit_price is not null then 'contract_rate' else 'list_price_less_discount' end
            as price_source,
        usage_month,
        billing_month,
        rating_status,
        billing_month > usage_month as is_late_usage,
        {{ infra_accounting.money_product('quantity', 'unit_price') }} as rated_amount
    from priced
)

select * from final
