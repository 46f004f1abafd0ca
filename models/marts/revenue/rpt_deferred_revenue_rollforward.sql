-- One row per subsidiary per contract currency per month through the close period: the
-- contract liability for prepaid credits (billed in advance) rolled forward - opening,
-- billings, revenue (credits consumed), breakage, FX and closing - in the contract currency
-- and translated to USD (activity at the month's average rate, balances at period end).
with
revenue as (
    select * from {{ ref('fct_revenue') }}
    where revenue_line_type = 'prepaid_credits'
),

periods as (
    select * from {{ ref('dim_periods') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

fx_rates as (
    select * from {{ ref('dim_fx_rates_monthly') }}
    where to_currency = 'USD'
),

activity as (
    select
        subsidiary_id,
        currency_code,
        period_month,
        sum(billed_amount) as billings_amount,
        sum(revenue_amount) as revenue_amount,
        sum(breakage_amount) as breakage_amount
    from revenue
    group by subsidiary_id, currency_code, period_month
),

final as (
    {{ infra_accounting.currency_balance_rollforward(
        'activity', 'periods', 'fx_rates',
        [('+', 'billings_amount'), ('-', 'revenue_amount'), ('-', 'breakage_amount')],
    ) }}
)

select * from final
