{#- A balance roll-forward per subsidiary and currency per month, in the currency and in USD:
    opening, the activity columns, fx_amount (0 in the currency), closing; the USD side
    translates activity at the month's average rate and the closing balance at the period-end
    rate, takes the opening from the previous month's USD closing, and puts the difference in
    fx_translation_amount_usd. Returns a select statement (use it as the body of a CTE).
    `activity_relation`: subsidiary_id, currency_code, period_month, billings_amount,
    revenue_amount, breakage_amount, one row per subsidiary, currency and month with activity.
    `periods_relation`: the months to roll through (period_month, is_close_period).
    `fx_rates_relation`: dim_fx_rates_monthly rows into USD.
    `net_change_terms`: the balance's monthly change as signed activity columns, e.g.
    [('+', 'billings_amount'), ('-', 'revenue_amount'), ('-', 'breakage_amount')]. -#}
{% macro currency_balance_rollforward(activity_relation, periods_relation, fx_rates_relation, net_change_terms) -%}
    {{ return(adapter.dispatch('currency_balance_rollforward', 'infra_accounting')(
        activity_relation, periods_relation, fx_rates_relation, net_change_terms
    )) }}
{%- endmacro %}

{% macro default__currency_balance_rollforward(activity_relation, periods_relation, fx_rates_relation, net_change_terms) -%}
    {%- set filled_terms, balances_terms, usd_terms = [], [], [] -%}
    {%- for sign, column in net_change_terms -%}
        {%- set operator = ('-' if sign == '-' else '') if loop.first else (' ' ~ sign ~ ' ') -%}
        {%- do filled_terms.append(operator ~ 'filled.' ~ column) -%}
        {%- do balances_terms.append(operator ~ 'balances.' ~ column) -%}
        {%- do usd_terms.append(operator ~ column ~ '_usd') -%}
    {%- endfor %}
    with
    filled as (
        {{ infra_accounting.fill_month_spine(
            activity_relation, periods_relation, ['subsidiary_id', 'currency_code'],
            ['billings_amount', 'revenue_amount', 'breakage_amount'],
        ) }}
    ),

    balances as (
        select
            filled.*,
            sum({{ filled_terms | join('') }}) over (
                partition by filled.subsidiary_id, filled.currency_code order by filled.period_month
                rows between unbounded preceding and current row
            ) as closing_amount
        from filled
    ),

    translated as (
        select
            balances.*,
            balances.closing_amount - ({{ balances_terms | join('') }}) as opening_amount,
            {{ infra_accounting.money('cast(balances.billings_amount as decimal(38, 2)) * fx_rates.average_rate') }} as billings_amount_usd,
            {{ infra_accounting.money('cast(balances.revenue_amount as decimal(38, 2)) * fx_rates.average_rate') }} as revenue_amount_usd,
            {{ infra_accounting.money('cast(balances.breakage_amount as decimal(38, 2)) * fx_rates.average_rate') }} as breakage_amount_usd,
            {{ infra_accounting.money('cast(balances.closing_amount as decimal(38, 2)) * fx_rates.period_end_rate') }} as closing_amount_usd
        from balances
        left join {{ fx_rates_relation }} as fx_rates
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
    )

    select
        *,
        cast(
            closing_amount_usd - opening_amount_usd - ({{ usd_terms | join('') }})
            as decimal(18, 2)
        ) as fx_translation_amount_usd
    from with_opening_usd
{%- endmacro %}
