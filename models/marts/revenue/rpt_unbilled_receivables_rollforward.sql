-- One row per subsidiary per contract currency per month through the close period: unbilled
-- receivables on lines billed in arrears (usage, reserved fees, commitment true-ups) rolled
-- forward - opening, revenue recognized, billings, FX and closing - in the contract currency
-- and translated to USD. A negative balance means billed ahead of revenue.
with
revenue as (
    select * from {{ ref('fct_revenue') }}
    where revenue_line_type <> 'prepaid_credits'
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
        sum(revenue_amount + breakage_amount) as revenue_amount,
        sum(billed_amount) as billings_amount,
        cast(0 as decimal(18, 2)) as breakage_amount
    from revenue
    group by subsidiary_id, currency_code, period_month
),

final as (
    {{ infra_accounting.currency_balance_rollforward(
        'activity', 'periods', 'fx_rates',
        [('+', 'revenue_amount'), ('-', 'billings_amount')],
    ) }}
)

select * from final
