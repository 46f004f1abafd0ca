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

filled as (
    {{ infra_accounting.fill_month_spine(
        'activity', 'periods', ['subsidiary_id', 'currency_code'],
        ['billings_amount', 'revenue_amount', 'breakage_amount'],
    ) }}
),

balances as (
    select
        filled.*,
        sum(filled.billings_amount - filled.revenue_amount - filled.breakage_amount) over (
            partition by filled.subsidiary_id, filled.currency_code order by filled.period_month
            rows between unbounded preceding and current row
        ) as closing_amount
    from filled
),

translated as (
    select
        balances.*,
        balances.closing_amount - (balances.billings_amount - balances.revenue_amount - balances.breakage_amount) as opening_amount,
        {{ infra_accounting.money('balances.billings_amount * fx_rates.average_rate') }} as billings_amount_usd,
        {{ infra_accounting.money('balances.revenue_amount * fx_rates.average_rate') }} as revenue_amount_usd,
        {{ infra_accounting.money('balances.breakage_amount * fx_rates.average_rate') }} as breakage_amount_usd,
        {{ infra_accounting.money('balances.closing_amount * fx_rates.period_end_rate') }} as closing_amount_usd
    from balances
    left join fx_rates
        on balances.period_month = fx_rates.period_month
            and balances.currency_code = fx_rates.from_currency
),

with_opening_usd as (
    select
        subsidiary_id,
        currency_code,
        period_month,
        is_close_period,
        cast(opening_amount as decimal(18, 2)) as opening_amount,
        cast(billings_amount as decimal(18, 2)) as billings_amount,
        cast(revenue_amount as decimal(18, 2)) as revenue_amount,
        cast(breakage_amount as decimal(18, 2)) as breakage_amount,
        cast(0 as decimal(18, 2)) as fx_amount,
        cast(closing_amount as decimal(18, 2)) as closing_amount,
        cast(coalesce(lag(closing_amount_usd) over (
            partition by subsidiary_id, currency_code order by period_month
            rows between 1 preceding and 1 preceding
        ), 0) as decimal(18, 2)) as opening_amount_usd,
        billings_amount_usd,
        revenue_amount_usd,
        breakage_amount_usd,
        closing_amount_usd
    from translated
),

final as (
    select
        *,
        cast(
            closing_amount_usd - opening_amount_usd - (billings_amount_usd - revenue_amount_usd - breakage_amount_usd)
            as decimal(18, 2)
        ) as fx_translation_amount_usd
    from with_opening_usd
)

select * from final
