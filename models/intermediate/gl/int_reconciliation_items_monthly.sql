-- One row per document-level reconciliation (ar, cash, cip), subsidiary, GL account, document
-- and month the document moved in, up to the close month, for the inputs re-read by month
-- (payments and their applications, bank lines, GL lines, CIP write-offs): the subledger
-- movement, the GL movement (posted plus proposed) and the GL journals of the month, in the
-- functional currency. int_reconciliation_items_compared adds the months up per document,
-- with the documents of the extracts staged whole (int_reconciliation_subledger_documents:
-- invoices, capex, assets placed in service) and the foreign-currency bank accounts'
-- remeasured balances (int_reconciliation_foreign_cash_remeasured).
-- Incremental by period_month (issue #8, DECISIONLOG C-014): a close recomputes the months
-- from incremental_recompute_month() on and reads the closed months' movements from the
-- table, so its cost follows the month's activity, not the history's.
-- Every movement belongs to one month:
--   bank lines to their date's month; CIP write-offs and GL lines to their posting month;
--   a payment to its own month (its whole amount, unapplied, at the payment month's rate) and
--   to each month an application takes effect (the month of the application, its invoice or
--   the payment, whichever is latest): the applied part at the invoice's rate replaces the
--   unapplied part at the payment's rate. The movements telescope, so their sum to any close
--   month is the payment's balance at that close, rounded exactly as a full computation.
{{ infra_accounting.incremental_by_period_month() }}
{%- set item_keys = ['reconciliation_name', 'subsidiary_id', 'account_number', 'document_id', 'period_month'] %}
{%- set recompute_from = infra_accounting.incremental_recompute_month('period_month') if is_incremental() else "date '0001-01-01'" %}
{%- set close_date = 'last_day(' ~ infra_accounting.close_period_month() ~ ')' %}
{#- the month an application takes effect: the latest of its own, its invoice's and its payment's #}
{%- set application_month = 'greatest(applications_dated.application_invoice_month, payments_functional.payment_month)' %}
with
-- not materialized: each reconciliation reads only its accounts, columns and months of the GL
gl_lines as not materialized (
    select * from {{ ref('int_gl_lines_combined') }}
    where posting_date >= {{ recompute_from }}
),

subledger_documents as (select * from {{ ref('int_reconciliation_subledger_documents') }}),

payments as (select * from {{ ref('stg_erp__payments') }}),

applications as (select * from {{ ref('stg_erp__payment_applications') }}),

bank_transactions as (select * from {{ ref('stg_bank__bank_transactions') }}),

bank_accounts as (select * from {{ ref('stg_bank__bank_accounts') }}),

fixed_assets as (select * from {{ ref('stg_erp__fixed_assets') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

subledger_journal_lines as (select * from {{ ref('int_journal_lines_unioned') }}),

-- the invoices' months and rates: an application of a recomputed month may settle an
-- invoice of a closed month
invoices_functional as (
    select
        document_id as invoice_id,
        period_month,
        invoice_rate
    from subledger_documents
    where reconciliation_name = 'ar'
),

payments_functional as (
    select
        payments.payment_id,
        payments.subsidiary_id,
        {{ infra_accounting.month_start('payments.payment_date') }} as payment_month,
        payments.amount,
        coalesce(fx_rates.average_rate, 1) as payment_rate
    from payments
    inner join subsidiaries
        on payments.subsidiary_id = subsidiaries.subsidiary_id
    {{ infra_accounting.join_functional_fx_rate('payments.payment_date', 'payments.currency_code') }}
    where payments.payment_date <= {{ close_date }}
),

-- every application to the close (the recomputed months need the amount applied before
-- them): it takes effect in the latest of its own, its invoice's and its payment's month
applications_dated as (
    select
        applications.payment_id,
        greatest(
            {{ infra_accounting.month_start('applications.application_date') }},
            invoices_functional.period_month
        ) as application_invoice_month,
        applications.applied_amount,
        invoices_functional.invoice_rate
    from applications
    inner join invoices_functional
        on applications.invoice_id = invoices_functional.invoice_id
    where applications.application_date <= {{ close_date }}
),

payment_months as (
    select
        payment_id,
        payment_month as period_month
    from payments_functional
    where payment_month >= {{ recompute_from }}
    union
    select
        applications_dated.payment_id,
        {{ application_month }} as period_month
    from applications_dated
    inner join payments_functional
        on applications_dated.payment_id = payments_functional.payment_id
    where applications_dated.application_invoice_month >= {{ recompute_from }}
),

-- applied: to the month end and before the month (raw), and in the month at the invoices'
-- rates (converted only for the month's applications)
payment_months_applied as (
    select
        payment_months.payment_id,
        payment_months.period_month,
        coalesce(sum(applications_dated.applied_amount), 0) as applied_to_month_end,
        coalesce(sum(applications_dated.applied_amount) filter (
            where {{ application_month }} < payment_months.period_month
        ), 0) as applied_before_month,
        coalesce(sum(
            {{ infra_accounting.money('cast(applications_dated.applied_amount as decimal(38, 2)) * applications_dated.invoice_rate') }}
        ) filter (
            where {{ application_month }} = payment_months.period_month
        ), 0) as applied_functional_in_month
    from payment_months
    inner join payments_functional
        on payment_months.payment_id = payments_functional.payment_id
    left join applications_dated
        on
            payment_months.payment_id = applications_dated.payment_id
            and {{ application_month }} <= payment_months.period_month
    group by payment_months.payment_id, payment_months.period_month
),

-- the month's applications at the invoices' rates, less the unapplied part at the payment's
-- rate at the month end, plus the unapplied part the previous movement carried
payment_movements as (
    select
        payments_functional.payment_id,
        payments_functional.subsidiary_id,
        payment_months_applied.period_month,
        -payment_months_applied.applied_functional_in_month
        - {{ infra_accounting.money(
            'cast(payments_functional.amount - payment_months_applied.applied_to_month_end as decimal(38, 2))'
            ~ ' * payments_functional.payment_rate'
        ) }}
        + case
            when payment_months_applied.period_month > payments_functional.payment_month
                then {{ infra_accounting.money(
                    'cast(payments_functional.amount - payment_months_applied.applied_before_month as decimal(38, 2))'
                    ~ ' * payments_functional.payment_rate'
                ) }}
            else 0
        end as amount
    from payment_months_applied
    inner join payments_functional
        on payment_months_applied.payment_id = payments_functional.payment_id
),

ar_subledger as (
    select
        'ar' as reconciliation_name,
        subsidiary_id,
        '1200' as account_number,
        payment_id as document_id,
        period_month,
        amount
    from payment_movements
),

ar_gl as (
    select
        'ar' as reconciliation_name,
        subsidiary_id,
        account_number,
        coalesce(nullif(regexp_extract(memo, '(PMT-[0-9]+|INV-[0-9]+)', 1), ''), journal_id) as document_id,
        period_month,
        debit_amount - credit_amount as amount,
        journal_id
    from gl_lines
    where account_number = '1200'
),

-- Cash: bank lines matched one to one to GL cash lines on entity, account, date and amount
-- (accounts in the entity's functional currency); the unmatched lines are the differences.
-- A match never crosses a date, so a month's matches are its own.
bank_lines as (
    select
        bank_accounts.subsidiary_id,
        bank_accounts.gl_account_number as account_number,
        bank_transactions.transaction_id,
        bank_transactions.posted_date,
        bank_transactions.amount
    from bank_transactions
    inner join bank_accounts
        on bank_transactions.bank_account_id = bank_accounts.bank_account_id
    inner join subsidiaries
        on bank_accounts.subsidiary_id = subsidiaries.subsidiary_id
    where
        bank_transactions.posted_date >= {{ recompute_from }}
        and bank_transactions.posted_date <= {{ close_date }}
        and bank_transactions.currency_code = subsidiaries.functional_currency_code
),

bank_lines_numbered as (
    select
        *,
        row_number() over (
            partition by subsidiary_id, account_number, posted_date, amount
            order by transaction_id
            rows between unbounded preceding and current row
        ) as match_rank
    from bank_lines
),

-- the GL lines of the bank accounts' GL accounts, and whether the account is kept in the
-- entity's functional currency (matched line by line) or not (remeasured, compared per month)
bank_account_gl_lines as not materialized (
    select
        gl_lines.*,
        bank_accounts.bank_account_id,
        bank_accounts.currency_code = subsidiaries.functional_currency_code as is_functional_currency_account
    from gl_lines
    inner join bank_accounts
        on
            gl_lines.subsidiary_id = bank_accounts.subsidiary_id
            and gl_lines.account_number = bank_accounts.gl_account_number
    inner join subsidiaries
        on gl_lines.subsidiary_id = subsidiaries.subsidiary_id
),

cash_gl_lines as (
    select
        subsidiary_id,
        account_number,
        journal_id,
        journal_line_number,
        posting_date,
        debit_amount - credit_amount as amount
    from bank_account_gl_lines
    where is_functional_currency_account
),

cash_gl_numbered as (
    select
        *,
        row_number() over (
            partition by subsidiary_id, account_number, posting_date, amount
            order by journal_id, journal_line_number
            rows between unbounded preceding and current row
        ) as match_rank
    from cash_gl_lines
),

cash_matched as (
    select
        'cash' as reconciliation_name,
        coalesce(bank.subsidiary_id, gl.subsidiary_id) as subsidiary_id,
        coalesce(bank.account_number, gl.account_number) as account_number,
        case
            when bank.transaction_id is not null and gl.journal_id is not null then 'matched'
            else coalesce(bank.transaction_id, gl.journal_id)
        end as document_id,
        {{ infra_accounting.month_start('coalesce(bank.posted_date, gl.posting_date)') }} as period_month,
        coalesce(bank.amount, 0) as subledger_amount,
        coalesce(gl.amount, 0) as gl_amount
    from bank_lines_numbered as bank
    full outer join cash_gl_numbered as gl
        on
            bank.subsidiary_id = gl.subsidiary_id
            and bank.account_number = gl.account_number
            and bank.posted_date = gl.posting_date
            and bank.amount = gl.amount
            and bank.match_rank = gl.match_rank
),

-- Foreign-currency bank accounts: the GL side per month (the bank side is the close's).
foreign_cash_gl as (
    select
        'cash' as reconciliation_name,
        subsidiary_id,
        account_number,
        'FX-REMEASUREMENT-' || bank_account_id as document_id,
        period_month,
        0 as subledger_amount,
        sum(debit_amount - credit_amount) as gl_amount
    from bank_account_gl_lines
    where not is_functional_currency_account
    group by all
),

-- CIP written off by the fixed-asset subledger (abandoned projects), per project.
written_off as (
    select
        subsidiary_id,
        source_document_id as project_id,
        period_month,
        debit_amount - credit_amount as amount
    from subledger_journal_lines
    where
        account_number = '1690'
        and journal_type = 'cip_write_off'
        and period_month >= {{ recompute_from }}
),

cip_subledger as (
    select
        'cip' as reconciliation_name,
        subsidiary_id,
        '1690' as account_number,
        project_id as document_id,
        period_month,
        amount
    from written_off
),

cip_gl as (
    select
        'cip' as reconciliation_name,
        gl_lines.subsidiary_id,
        gl_lines.account_number,
        coalesce(
            nullif(regexp_extract(gl_lines.memo, '(CP-[0-9]+)', 1), ''),
            fixed_assets.project_id,
            gl_lines.journal_id
        ) as document_id,
        gl_lines.period_month,
        gl_lines.debit_amount - gl_lines.credit_amount as amount
    from gl_lines
    left join fixed_assets
        on gl_lines.source_document_id = fixed_assets.asset_id
    where gl_lines.account_number = '1690'
),

subledger_sides as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        period_month,
        sum(amount) as subledger_amount
    from (
        select * from ar_subledger
        union all
        select * from cip_subledger
    ) as subledger_rows
    group by all
),

gl_sides as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        period_month,
        sum(amount) as gl_amount,
        -- sorted, so the table holds the same rows whatever order the threads read them in
        {{ infra_accounting.sorted_distinct_values('journal_id') }} as gl_journal_ids
    from (
        select * from ar_gl
        union all
        select
            reconciliation_name,
            subsidiary_id,
            account_number,
            document_id,
            period_month,
            amount,
            null as journal_id
        from cip_gl
    ) as gl_rows
    group by all
),

document_movements as (
    select
        {{ infra_accounting.coalesce_columns('subledger_sides', 'gl_sides', item_keys) }},
        coalesce(subledger_sides.subledger_amount, 0) as subledger_amount,
        coalesce(gl_sides.gl_amount, 0) as gl_amount,
        gl_sides.gl_journal_ids
    from subledger_sides
    full outer join gl_sides
        on {{ infra_accounting.columns_equal('subledger_sides', 'gl_sides', item_keys) }}
),

cash_movements as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        period_month,
        sum(subledger_amount) as subledger_amount,
        sum(gl_amount) as gl_amount,
        cast(null as varchar[]) as gl_journal_ids
    from (
        select * from cash_matched
        union all
        select * from foreign_cash_gl
    ) as cash_rows
    group by all
),

-- sums of amounts already in cents: the money type is a plain cast, nothing to round
final as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        period_month,
        cast(subledger_amount as decimal(18, 2)) as subledger_amount,
        cast(gl_amount as decimal(18, 2)) as gl_amount,
        gl_journal_ids
    from (
        select * from document_movements
        union all
        select * from cash_movements
    ) as movements
)

select * from final
