-- One row per account per month up to the close month: the consolidated trial balance in
-- USD, the sum of every entity's translated balances (cumulative translation adjustment
-- included), with the entity count that contributes.
{%- set account_columns = [
    'period_month', 'is_close_period', 'account_number', 'account_name', 'account_type', 'fx_rate_type',
    'is_income_statement',
] %}
with
trial_balance as (select * from {{ ref('rpt_trial_balance') }}),

consolidated as (
    select
        {%- for account_column in account_columns %}
            {{ account_column }},
        {%- endfor %}
        count(*) as subsidiary_count,
        sum(closing_balance_usd_amount) as closing_balance_usd_amount
    from trial_balance
    group by all
),

final as (
    select
        {%- for account_column in account_columns %}
            {{ account_column }},
        {%- endfor %}
        subsidiary_count,
        '{{ var("reporting_currency_code") }}' as currency_code,
        {{ infra_accounting.money('closing_balance_usd_amount') }} as closing_balance_usd_amount,
        {{ infra_accounting.money('greatest(closing_balance_usd_amount, 0)') }} as debit_balance_usd_amount,
        {{ infra_accounting.money('greatest(-closing_balance_usd_amount, 0)') }} as credit_balance_usd_amount
    from consolidated
)

select * from final
