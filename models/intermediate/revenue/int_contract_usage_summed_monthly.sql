-- One row per contract per SKU per month of consumption: quantity and the amount rated at
-- the contract price, rounded once per line and month as the invoice rounds it.
-- Incremental by month of consumption like int_usage_records_summed, which it sums: a run
-- deletes and re-sums the months in int_usage_months_reopened and keeps the closed months.
-- depends_on: {{ ref('int_usage_months_reopened') }}
{{ infra_accounting.incremental_by_usage_month('period_month') }}

with
usage_summed as (
    select * from {{ ref('int_usage_records_summed') }}
    where
        rating_status = 'rated'
        {{ infra_accounting.reopened_usage_months_filter('usage_month', none) }}
),

summed as (
    select
        contract_id,
        sku,
        usage_month as period_month,
        max(unit_price) as unit_price,
        sum(usage_quantity) as usage_quantity,
        sum(usage_quantity) filter (where billing_month > usage_month) as late_usage_quantity
    from usage_summed
    group by contract_id, sku, usage_month
),

final as (
    select
        contract_id,
        sku,
        period_month,
        unit_price,
        cast(usage_quantity as decimal(18, 4)) as usage_quantity,
        cast(coalesce(late_usage_quantity, 0) as decimal(18, 4)) as late_usage_quantity,
        {{ infra_accounting.money_product('usage_quantity', 'unit_price') }} as rated_amount
    from summed
)

select * from final
