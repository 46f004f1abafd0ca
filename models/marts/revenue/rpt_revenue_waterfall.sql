-- One row per subsidiary per contract type per contract currency per month, from the first
-- revenue month to 24 months after the close period: revenue recognized (through the close)
-- and revenue scheduled from remaining performance obligations (after the close).
with
revenue as (
    select * from {{ ref('fct_revenue') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

scheduled as (select * from {{ ref('int_rpo_scheduled') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

recognized as (
    select
        subsidiary_id,
        contract_type,
        currency_code,
        period_month,
        sum(revenue_amount + breakage_amount) as recognized_amount,
        cast(0 as decimal(18, 2)) as scheduled_amount
    from revenue
    group by all
),

future as (
    select
        contracts.subsidiary_id,
        contracts.contract_type,
        contracts.currency_code,
        scheduled.period_month,
        cast(0 as decimal(18, 2)) as recognized_amount,
        sum(scheduled.rpo_amount) as scheduled_amount
    from scheduled
    inner join contracts on scheduled.contract_id = contracts.contract_id
    where scheduled.period_month <= {{ infra_accounting.add_months(infra_accounting.close_period_month(), 24) }}
    group by all
),

final as (
    select
        subsidiary_id,
        contract_type,
        currency_code,
        period_month,
        period_month > {{ infra_accounting.close_period_month() }} as is_scheduled,
        cast(sum(recognized_amount) as decimal(18, 2)) as recognized_amount,
        cast(sum(scheduled_amount) as decimal(18, 2)) as scheduled_amount
    from (
        select * from recognized
        union all
        select * from future
    ) as combined
    group by all
)

select * from final
