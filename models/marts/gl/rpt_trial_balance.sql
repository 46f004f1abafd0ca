-- One row per subsidiary per account per month up to the close month: the trial balance
-- (posted GL plus the close month's proposed entries) in the functional currency and
-- translated to USD - P&L at average rates, balance sheet at period-end rates, equity at
-- historical rates, prior years' P&L closed to retained earnings, and the cumulative
-- translation adjustment (3300) so each entity balances in USD.
with
balances as (select * from {{ ref('int_gl_balances_monthly') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

balances_with_rates as (
    select
        balances.*,
        fx_rates.average_rate,
        fx_rates.period_end_rate,
        {{ infra_accounting.money('cast(balances.net_activity_amount as decimal(38, 2)) * fx_rates.average_rate') }}
            as net_activity_historical_usd_amount
    from balances
    left join fx_rates
        on
            balances.period_month = fx_rates.period_month
            and balances.currency_code = fx_rates.from_currency
            and fx_rates.to_currency = '{{ var("reporting_currency_code") }}'
),

cumulated as (
    select
        *,
        sum(net_activity_amount) over fiscal_year_to_date as year_to_date_net_amount,
        sum(net_activity_historical_usd_amount) over fiscal_year_to_date as year_to_date_usd_amount,
        sum(net_activity_historical_usd_amount) over inception_to_date as cumulative_historical_usd_amount
    from balances_with_rates
    window
        fiscal_year_to_date as (
            partition by subsidiary_id, account_number, fiscal_year
            order by period_month
            rows between unbounded preceding and current row
        ),
        inception_to_date as (
            partition by subsidiary_id, account_number
            order by period_month
            rows between unbounded preceding and current row
        )
),

prior_years_earnings as (
    select
        subsidiary_id,
        period_month,
        sum(cumulative_net_amount - year_to_date_net_amount) as prior_years_net_amount,
        sum(cumulative_historical_usd_amount - year_to_date_usd_amount) as prior_years_usd_amount
    from cumulated
    where is_income_statement
    group by all
),

translated as (
    select
        cumulated.*,
        case
            when cumulated.is_income_statement then cumulated.year_to_date_net_amount
            when cumulated.account_number = '3200'
                then cumulated.cumulative_net_amount + coalesce(prior_years_earnings.prior_years_net_amount, 0)
            else cumulated.cumulative_net_amount
        end as closing_balance_amount,
        case
            when cumulated.is_income_statement then cumulated.year_to_date_usd_amount
            when cumulated.account_number = '3200'
                then cumulated.cumulative_historical_usd_amount + coalesce(prior_years_earnings.prior_years_usd_amount, 0)
            when cumulated.fx_rate_type = 'historical' then cumulated.cumulative_historical_usd_amount
            else {{ infra_accounting.money('cast(cumulated.cumulative_net_amount as decimal(38, 2)) * cumulated.period_end_rate') }}
        end as translated_usd_amount
    from cumulated
    left join prior_years_earnings
        on
            cumulated.subsidiary_id = prior_years_earnings.subsidiary_id
            and cumulated.period_month = prior_years_earnings.period_month
),

with_translation_adjustment as (
    select
        *,
        case
            when account_number = '3300'
                then -sum(case when account_number <> '3300' then translated_usd_amount else 0 end) over (
                        partition by subsidiary_id, period_month
                        rows between unbounded preceding and unbounded following
                    )
            else translated_usd_amount
        end as closing_balance_usd_amount
    from translated
),

final as (
    select
        subsidiary_id,
        period_month,
        period_month = {{ infra_accounting.close_period_month() }} as is_close_period,
        account_number,
        account_name,
        account_type,
        normal_balance,
        fx_rate_type,
        is_income_statement,
        currency_code,
        {{ infra_accounting.money('debit_amount') }} as debit_activity_amount,
        {{ infra_accounting.money('credit_amount') }} as credit_activity_amount,
        {{ infra_accounting.money('net_activity_amount') }} as net_activity_amount,
        {{ infra_accounting.money('closing_balance_amount') }} as closing_balance_amount,
        {{ infra_accounting.money('greatest(closing_balance_amount, 0)') }} as debit_balance_amount,
        {{ infra_accounting.money('greatest(-closing_balance_amount, 0)') }} as credit_balance_amount,
        {{ infra_accounting.rate('case when is_income_statement then average_rate else period_end_rate end') }}
            as translation_rate,
        {{ infra_accounting.money('closing_balance_usd_amount') }} as closing_balance_usd_amount,
        {{ infra_accounting.money('greatest(closing_balance_usd_amount, 0)') }} as debit_balance_usd_amount,
        {{ infra_accounting.money('greatest(-closing_balance_usd_amount, 0)') }} as credit_balance_usd_amount
    from with_translation_adjustment
)

select * from final
