-- One row per metered usage record rated to a contract: the price applied and its source,
-- the month consumed and the month billed (late usage is recognized in the month consumed).
-- A view over the rated records of int_usage_records_rated (incremental by month), so the
-- warehouse holds the usage records once, not twice.
{{ config(materialized='view') }}

with
rated_usage as (
    select * from {{ ref('int_usage_records_rated') }}
    where rating_status = 'rated'
),

final as (
    select
        usage_id,
        contract_id,
        customer_id,
        subsidiary_id,
        contract_type,
        currency_code,
        sku,
        location_id,
        usage_date,
        received_date,
        usage_month as period_month,
        billing_month,
        is_late_usage,
        cast(quantity as decimal(18, 4)) as quantity,
        cast(unit_price as decimal(18, 8)) as unit_price,
        price_source,
        cast(rated_amount as decimal(18, 2)) as rated_amount
    from rated_usage
)

select * from final
