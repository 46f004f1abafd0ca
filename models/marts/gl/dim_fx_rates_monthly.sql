-- One row per month per currency pair (from -> to): the average and period-end rates of the
-- month, the identity rate for a currency to itself, and months without a published rate
-- filled from the latest earlier month (flagged), so every conversion finds a rate.
with
fx_rates as (select * from {{ ref('stg_erp__fx_rates') }}),

periods as (select * from {{ ref('dim_periods') }}),

published_rates as (
    select
        {{ infra_accounting.month_start('rate_date') }} as period_month,
        from_currency,
        to_currency,
        max(case when rate_type = 'average' then rate end) as average_rate,
        max(case when rate_type = 'period_end' then rate end) as period_end_rate
    from fx_rates
    group by 1, 2, 3
),

currency_pairs as (
    select distinct
        from_currency,
        to_currency
    from published_rates
    union
    select distinct
        currency_code as from_currency,
        currency_code as to_currency
    from (
        select from_currency as currency_code from published_rates
        union
        select to_currency from published_rates
        union
        select '{{ var("reporting_currency_code") }}'
    ) as currencies
),

pair_months as (
    select
        periods.period_month,
        currency_pairs.from_currency,
        currency_pairs.to_currency
    from periods
    cross join currency_pairs
),

rates_filled as (
    select
        pair_months.period_month,
        pair_months.from_currency,
        pair_months.to_currency,
        published_rates.period_month is not null as is_published,
        last_value(published_rates.average_rate ignore nulls) over pair_history as average_rate,
        last_value(published_rates.period_end_rate ignore nulls) over pair_history as period_end_rate
    from pair_months
    left join published_rates
        on pair_months.period_month = published_rates.period_month
            and pair_months.from_currency = published_rates.from_currency
            and pair_months.to_currency = published_rates.to_currency
    window pair_history as (
        partition by pair_months.from_currency, pair_months.to_currency
        order by pair_months.period_month
        rows between unbounded preceding and current row
    )
),

final as (
    select
        period_month,
        from_currency,
        to_currency,
        {{ infra_accounting.rate('case when from_currency = to_currency then 1 else average_rate end') }} as average_rate,
        {{ infra_accounting.rate('case when from_currency = to_currency then 1 else period_end_rate end') }} as period_end_rate,
        from_currency <> to_currency and not is_published as is_rate_carried_forward
    from rates_filled
    where from_currency = to_currency or average_rate is not null or period_end_rate is not null
)

select * from final
