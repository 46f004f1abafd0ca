-- One row per subsidiary per account per month from the calendar start to the close
-- month: the month's debits, credits and net activity and the closing balance in the
-- functional currency, with the account's type and translation rate type.
with
gl_lines as (select * from {{ ref('int_gl_lines_combined') }}),

accounts as (select * from {{ ref('stg_erp__accounts') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

periods as (select * from {{ ref('dim_periods') }}),

months as (
    select
        period_month,
        fiscal_year
    from periods
    where period_month <= {{ infra_accounting.close_period_month() }}
),

equity_roll_accounts as (
    select
        subsidiaries.subsidiary_id,
        accounts.account_number
    from subsidiaries
    cross join accounts
    where accounts.account_number in ('3200', '3300')
),

subsidiary_accounts as (
    select distinct
        subsidiary_id,
        account_number
    from gl_lines
    union
    select
        subsidiary_id,
        account_number
    from equity_roll_accounts
),

activity as (
    select
        subsidiary_id,
        account_number,
        period_month,
        sum(debit_amount) as debit_amount,
        sum(credit_amount) as credit_amount
    from gl_lines
    group by all
),

spine as (
    select
        subsidiary_accounts.subsidiary_id,
        subsidiary_accounts.account_number,
        months.period_month,
        months.fiscal_year
    from subsidiary_accounts
    cross join months
),

filled as (
    select
        spine.subsidiary_id,
        subsidiaries.functional_currency_code as currency_code,
        spine.account_number,
        accounts.account_name,
        accounts.account_type,
        accounts.normal_balance,
        accounts.fx_rate_type,
        accounts.account_type in ('income', 'cost_of_goods_sold', 'expense', 'other_income', 'other_expense')
            as is_income_statement,
        spine.period_month,
        spine.fiscal_year,
        coalesce(activity.debit_amount, 0) as debit_amount,
        coalesce(activity.credit_amount, 0) as credit_amount,
        coalesce(activity.debit_amount, 0) - coalesce(activity.credit_amount, 0) as net_activity_amount
    from spine
    inner join subsidiaries
        on spine.subsidiary_id = subsidiaries.subsidiary_id
    left join accounts
        on spine.account_number = accounts.account_number
    left join activity
        on
            spine.subsidiary_id = activity.subsidiary_id
            and spine.account_number = activity.account_number
            and spine.period_month = activity.period_month
),

final as (
    select
        *,
        sum(net_activity_amount) over (
            partition by subsidiary_id, account_number
            order by period_month
            rows between unbounded preceding and current row
        ) as cumulative_net_amount
    from filled
)

select * from final
