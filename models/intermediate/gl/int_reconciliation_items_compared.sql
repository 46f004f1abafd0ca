-- One row per reconciliation, subsidiary, GL account and document (invoice, payment, bank
-- line, capital project): the subledger amount, the GL amount (posted plus proposed, up to
-- the close month) and the difference, in the functional currency. The documents'
-- differences add up to each reconciliation's difference by construction.
{%- set account_keys = ['reconciliation_name', 'subsidiary_id', 'account_number'] %}
{%- set item_keys = account_keys + ['document_id'] %}
with
-- not materialized: each reconciliation reads only its accounts and columns of the GL (the
-- memo only for AR and CIP) instead of a copy of every line of every account (at L the copy
-- was 4.6 M rows and a quarter of the model's time)
gl_lines as not materialized (select * from {{ ref('int_gl_lines_combined') }}),

invoices as (select * from {{ ref('stg_erp__invoices') }}),

payments as (select * from {{ ref('stg_erp__payments') }}),

applications as (select * from {{ ref('stg_erp__payment_applications') }}),

bank_transactions as (select * from {{ ref('stg_bank__bank_transactions') }}),

bank_accounts as (select * from {{ ref('stg_bank__bank_accounts') }}),

capex_lines as (select * from {{ ref('stg_erp__capex_lines') }}),

fixed_assets as (select * from {{ ref('stg_erp__fixed_assets') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

subledger_journal_lines as (select * from {{ ref('int_journal_lines_unioned') }}),

close_month_end as (
    select last_day({{ infra_accounting.close_period_month() }}) as close_date
),

-- AR: open invoices less unapplied cash; invoices at the invoice month's average rate,
-- receipts applied at the invoice's rate and unapplied cash at the receipt month's rate.
invoices_functional as (
    select
        invoices.invoice_id,
        invoices.subsidiary_id,
        invoices.invoice_date,
        coalesce(fx_rates.average_rate, 1) as invoice_rate,
        {{ infra_accounting.money('cast(invoices.total_amount as decimal(38, 2)) * coalesce(fx_rates.average_rate, 1)') }} as amount
    from invoices
    inner join subsidiaries
        on invoices.subsidiary_id = subsidiaries.subsidiary_id
    cross join close_month_end
    {{ infra_accounting.join_functional_fx_rate('invoices.invoice_date', 'invoices.currency_code') }}
    where invoices.invoice_date <= close_month_end.close_date
),

applied_by_payment as (
    select
        applications.payment_id,
        sum(applications.applied_amount) as applied_amount,
        sum({{ infra_accounting.money('cast(applications.applied_amount as decimal(38, 2)) * invoices_functional.invoice_rate') }})
            as applied_functional_amount
    from applications
    inner join invoices_functional
        on applications.invoice_id = invoices_functional.invoice_id
    cross join close_month_end
    where applications.application_date <= close_month_end.close_date
    group by all
),

payments_functional as (
    select
        payments.payment_id,
        payments.subsidiary_id,
        -coalesce(applied_by_payment.applied_functional_amount, 0)
        - {{ infra_accounting.money(
            'cast(payments.amount - coalesce(applied_by_payment.applied_amount, 0) as decimal(38, 2)) * coalesce(fx_rates.average_rate, 1)'
        ) }}
            as amount
    from payments
    inner join subsidiaries
        on payments.subsidiary_id = subsidiaries.subsidiary_id
    cross join close_month_end
    left join applied_by_payment
        on payments.payment_id = applied_by_payment.payment_id
    {{ infra_accounting.join_functional_fx_rate('payments.payment_date', 'payments.currency_code') }}
    where payments.payment_date <= close_month_end.close_date
),

ar_subledger as (
    select
        'ar' as reconciliation_name,
        subsidiary_id,
        '1200' as account_number,
        invoice_id as document_id,
        amount
    from invoices_functional
    union all
    select
        'ar' as reconciliation_name,
        subsidiary_id,
        '1200' as account_number,
        payment_id as document_id,
        amount
    from payments_functional
),

ar_gl as (
    select
        'ar' as reconciliation_name,
        subsidiary_id,
        account_number,
        coalesce(nullif(regexp_extract(memo, '(PMT-[0-9]+|INV-[0-9]+)', 1), ''), journal_id) as document_id,
        debit_amount - credit_amount as amount,
        journal_id
    from gl_lines
    where account_number = '1200'
),

-- Cash: bank lines matched one to one to GL cash lines on entity, account, date and amount
-- (accounts in the entity's functional currency); the unmatched lines are the differences.
bank_lines as (
    select
        bank_accounts.subsidiary_id,
        bank_accounts.gl_account_number as account_number,
        bank_transactions.transaction_id,
        bank_transactions.posted_date,
        bank_transactions.amount,
        bank_transactions.currency_code = subsidiaries.functional_currency_code as is_functional_currency
    from bank_transactions
    inner join bank_accounts
        on bank_transactions.bank_account_id = bank_accounts.bank_account_id
    inner join subsidiaries
        on bank_accounts.subsidiary_id = subsidiaries.subsidiary_id
    cross join close_month_end
    where bank_transactions.posted_date <= close_month_end.close_date
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
    where is_functional_currency
),

cash_gl_lines as (
    select
        gl_lines.subsidiary_id,
        gl_lines.account_number,
        gl_lines.journal_id,
        gl_lines.journal_line_number,
        gl_lines.posting_date,
        gl_lines.debit_amount - gl_lines.credit_amount as amount
    from gl_lines
    inner join bank_accounts
        on
            gl_lines.subsidiary_id = bank_accounts.subsidiary_id
            and gl_lines.account_number = bank_accounts.gl_account_number
    inner join subsidiaries
        on gl_lines.subsidiary_id = subsidiaries.subsidiary_id
    where bank_accounts.currency_code = subsidiaries.functional_currency_code
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

-- Foreign-currency bank accounts: the bank balance at the period-end rate vs the GL.
foreign_cash as (
    select
        'cash' as reconciliation_name,
        bank_accounts.subsidiary_id,
        bank_accounts.gl_account_number as account_number,
        'FX-REMEASUREMENT-' || bank_accounts.bank_account_id as document_id,
        sum({{ infra_accounting.money('cast(bank_lines.amount as decimal(38, 2)) * fx_rates.period_end_rate') }}) as subledger_amount,
        0 as gl_amount
    from bank_lines
    inner join bank_accounts
        on
            bank_lines.subsidiary_id = bank_accounts.subsidiary_id
            and bank_lines.account_number = bank_accounts.gl_account_number
    inner join subsidiaries
        on bank_accounts.subsidiary_id = subsidiaries.subsidiary_id
    inner join fx_rates
        on
            fx_rates.period_month = {{ infra_accounting.close_period_month() }}
            and bank_accounts.currency_code = fx_rates.from_currency
            and subsidiaries.functional_currency_code = fx_rates.to_currency
    where not bank_lines.is_functional_currency
    group by all
),

foreign_cash_gl as (
    select
        'cash' as reconciliation_name,
        gl_lines.subsidiary_id,
        gl_lines.account_number,
        'FX-REMEASUREMENT-' || bank_accounts.bank_account_id as document_id,
        0 as subledger_amount,
        sum(gl_lines.debit_amount - gl_lines.credit_amount) as gl_amount
    from gl_lines
    inner join bank_accounts
        on
            gl_lines.subsidiary_id = bank_accounts.subsidiary_id
            and gl_lines.account_number = bank_accounts.gl_account_number
    inner join subsidiaries
        on gl_lines.subsidiary_id = subsidiaries.subsidiary_id
    where bank_accounts.currency_code <> subsidiaries.functional_currency_code
    group by all
),

-- CIP: capex coded to each project (functional currency at the bill month's average
-- rate) less the cost of its assets placed in service by the close month and less CIP
-- written off, vs GL 1690.
capex_functional as (
    select
        capex_lines.subsidiary_id,
        capex_lines.project_id,
        {{ infra_accounting.money('cast(capex_lines.amount as decimal(38, 2)) * coalesce(fx_rates.average_rate, 1)') }} as amount
    from capex_lines
    inner join subsidiaries
        on capex_lines.subsidiary_id = subsidiaries.subsidiary_id
    cross join close_month_end
    {{ infra_accounting.join_functional_fx_rate('capex_lines.bill_date', 'capex_lines.currency_code') }}
    where capex_lines.bill_date <= close_month_end.close_date
),

capitalized as (
    select
        fixed_assets.subsidiary_id,
        fixed_assets.project_id,
        -fixed_assets.cost as amount
    from fixed_assets
    cross join close_month_end
    where
        fixed_assets.project_id is not null
        and fixed_assets.in_service_date <= close_month_end.close_date
),

-- CIP written off by the fixed-asset subledger (abandoned projects), per project.
written_off as (
    select
        subsidiary_id,
        source_document_id as project_id,
        debit_amount - credit_amount as amount
    from subledger_journal_lines
    where
        account_number = '1690'
        and journal_type = 'cip_write_off'
),

cip_subledger as (
    select
        'cip' as reconciliation_name,
        subsidiary_id,
        '1690' as account_number,
        project_id as document_id,
        amount
    from written_off
    union all
    select
        'cip' as reconciliation_name,
        subsidiary_id,
        '1690' as account_number,
        project_id as document_id,
        amount
    from capex_functional
    union all
    select
        'cip' as reconciliation_name,
        subsidiary_id,
        '1690' as account_number,
        project_id as document_id,
        amount
    from capitalized
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
        sum(amount) as subledger_amount
    from (
        select * from ar_subledger
        union all
        select * from cip_subledger
    ) as subledger_rows
    group by all
),

-- the GL per document and journal first, so a document's journals are counted without a
-- distinct aggregate (most documents have one journal; at millions of documents the
-- distinct count and ordered string_agg were the model's largest cost)
gl_journal_sides as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        journal_id,
        sum(amount) as amount
    from (
        select * from ar_gl
        union all
        select
            reconciliation_name,
            subsidiary_id,
            account_number,
            document_id,
            amount,
            null as journal_id
        from cip_gl
    ) as gl_rows
    group by all
),

gl_sides as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        sum(amount) as gl_amount,
        count(journal_id) as gl_journal_count,
        {{ infra_accounting.sorted_distinct_list('journal_id') }} as gl_journal_ids
    from gl_journal_sides
    group by all
),

document_compared as (
    select
        {{ infra_accounting.coalesce_columns('subledger_sides', 'gl_sides', item_keys) }},
        coalesce(subledger_sides.subledger_amount, 0) as subledger_amount,
        coalesce(gl_sides.gl_amount, 0) as gl_amount,
        coalesce(gl_sides.gl_journal_count, 0) as gl_journal_count,
        gl_sides.gl_journal_ids
    from subledger_sides
    full outer join gl_sides
        on {{ infra_accounting.columns_equal('subledger_sides', 'gl_sides', item_keys) }}
),

cash_compared as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        sum(subledger_amount) as subledger_amount,
        sum(gl_amount) as gl_amount,
        0 as gl_journal_count,
        cast(null as varchar) as gl_journal_ids
    from (
        select * from cash_matched
        union all
        select * from foreign_cash
        union all
        select * from foreign_cash_gl
    ) as cash_rows
    group by all
),

compared as (
    select * from document_compared
    union all
    select * from cash_compared
),

-- the sides are sums of amounts already in cents (rounded once where they were converted),
-- so the money type is a plain cast: nothing to round
final as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        cast(subledger_amount as decimal(18, 2)) as subledger_amount,
        cast(gl_amount as decimal(18, 2)) as gl_amount,
        cast(subledger_amount - gl_amount as decimal(18, 2)) as difference_amount,
        gl_journal_count,
        gl_journal_ids
    from compared
)

select * from final
