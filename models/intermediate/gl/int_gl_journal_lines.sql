-- One row per proposed journal line of the GL area for every month up to the close period:
-- the remeasurement of bank accounts held in a currency other than the entity's functional
-- currency (e.g. UK01's USD account 1021). Each month's entry moves the GL balance of the
-- account to the bank balance at that month's period-end rate; the other side is the
-- unrealised FX gain or loss (7300). Balanced per journal (ASC 830-20-35-1).
with
bank_transactions as (select * from {{ ref('stg_bank__bank_transactions') }}),

bank_accounts as (select * from {{ ref('stg_bank__bank_accounts') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

gl_entries as (select * from {{ ref('stg_erp__gl_entries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

periods as (select * from {{ ref('dim_periods') }}),

foreign_accounts as (
    select
        bank_accounts.bank_account_id,
        bank_accounts.subsidiary_id,
        bank_accounts.gl_account_number,
        bank_accounts.currency_code as account_currency_code,
        subsidiaries.functional_currency_code
    from bank_accounts
    inner join subsidiaries
        on bank_accounts.subsidiary_id = subsidiaries.subsidiary_id
    where bank_accounts.currency_code <> subsidiaries.functional_currency_code
),

months as (
    select
        period_month,
        period_end_date
    from periods
    where period_month <= {{ infra_accounting.close_period_month() }}
),

bank_activity as (
    select
        bank_transactions.bank_account_id,
        {{ infra_accounting.month_start('bank_transactions.posted_date') }} as period_month,
        sum(bank_transactions.amount) as amount
    from bank_transactions
    inner join foreign_accounts
        on bank_transactions.bank_account_id = foreign_accounts.bank_account_id
    group by all
),

-- The account's GL activity except this model's own entries (the ERP's postings).
gl_activity as (
    select
        foreign_accounts.bank_account_id,
        {{ infra_accounting.month_start('gl_entries.posting_date') }} as period_month,
        sum(coalesce(gl_entries.debit, 0) - coalesce(gl_entries.credit, 0)) as amount
    from gl_entries
    inner join foreign_accounts
        on
            gl_entries.subsidiary_id = foreign_accounts.subsidiary_id
            and gl_entries.account_number = foreign_accounts.gl_account_number
    where coalesce(gl_entries.source, '') <> 'gl'
    group by all
),

balances as (
    select
        foreign_accounts.*,
        months.period_month,
        months.period_end_date,
        sum(coalesce(bank_activity.amount, 0)) over account_to_date as bank_balance_amount,
        sum(coalesce(gl_activity.amount, 0)) over account_to_date as gl_balance_amount
    from foreign_accounts
    cross join months
    left join bank_activity
        on
            foreign_accounts.bank_account_id = bank_activity.bank_account_id
            and months.period_month = bank_activity.period_month
    left join gl_activity
        on
            foreign_accounts.bank_account_id = gl_activity.bank_account_id
            and months.period_month = gl_activity.period_month
    window account_to_date as (
        partition by foreign_accounts.bank_account_id
        order by months.period_month
        rows between unbounded preceding and current row
    )
),

-- The revaluation needed to date: bank balance at the period-end rate minus the ERP balance.
targets as (
    select
        balances.*,
        fx_rates.period_end_rate,
        {{ infra_accounting.money('cast(balances.bank_balance_amount as decimal(38, 2)) * fx_rates.period_end_rate') }}
        - balances.gl_balance_amount as cumulative_revaluation_amount
    from balances
    inner join fx_rates
        on
            balances.period_month = fx_rates.period_month
            and balances.account_currency_code = fx_rates.from_currency
            and balances.functional_currency_code = fx_rates.to_currency
),

monthly_revaluation as (
    select
        *,
        cumulative_revaluation_amount - coalesce(lag(cumulative_revaluation_amount) over (
            partition by bank_account_id
            order by period_month
        ), 0) as revaluation_amount
    from targets
),

lines as (
    select
        bank_account_id,
        subsidiary_id,
        functional_currency_code,
        period_month,
        period_end_date,
        gl_account_number as account_number,
        revaluation_amount as signed_amount,
        1 as journal_line_number,
        'Remeasure ' || account_currency_code || ' ' || bank_balance_amount || ' at the period-end rate '
        || period_end_rate || ' (ASC 830-20-35-1)' as memo
    from monthly_revaluation
    union all
    select
        bank_account_id,
        subsidiary_id,
        functional_currency_code,
        period_month,
        period_end_date,
        '7300' as account_number,
        -revaluation_amount as signed_amount,
        2 as journal_line_number,
        'Unrealised FX ' || case when revaluation_amount >= 0 then 'gain' else 'loss' end
        || ' on ' || bank_account_id || ' (' || account_currency_code || ' balance remeasured)' as memo
    from monthly_revaluation
),

final as (
    select
        'GL-FXR-' || bank_account_id || '-' || strftime(period_month, '%Y-%m') as journal_id,
        cast(journal_line_number as integer) as journal_line_number,
        subsidiary_id,
        period_month,
        period_end_date as posting_date,
        account_number,
        {{ infra_accounting.money('greatest(signed_amount, 0)') }} as debit_amount,
        {{ infra_accounting.money('greatest(-signed_amount, 0)') }} as credit_amount,
        functional_currency_code as currency_code,
        'fx_revaluation' as journal_type,
        'gl' as source_area,
        bank_account_id as source_document_id,
        memo
    from lines
    where signed_amount <> 0
)

select * from final
