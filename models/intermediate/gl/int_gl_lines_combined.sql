-- One row per ledger line up to the close month: lines posted in the ERP GL, lines of
-- months closed by the warehouse (posted history) that the ERP does not hold yet, and the
-- close month's proposed entries; each tagged with its ledger status.
-- A view: each reader takes only its accounts and columns from the staged GL, and a close
-- no longer writes a copy of every ledger line of the history (issue #8).
{{ config(materialized='view') }}

with
gl_entries as (select * from {{ ref('stg_erp__gl_entries') }}),

posted_lines as (select * from {{ ref('int_journal_lines_posted') }}),

journal_entries as (select * from {{ ref('fct_journal_entries') }}),

periods as (select * from {{ ref('dim_periods') }}),

erp_lines as (
    select
        journal_id,
        cast(line_number as integer) as journal_line_number,
        subsidiary_id,
        {{ infra_accounting.month_start('posting_date') }} as period_month,
        posting_date,
        account_number,
        coalesce(debit, 0) as debit_amount,
        coalesce(credit, 0) as credit_amount,
        currency_code,
        coalesce(source, 'erp') as source_area,
        cast(null as varchar) as journal_type,
        cast(null as varchar) as source_document_id,
        memo,
        'posted_erp' as ledger_status
    from gl_entries
    where posting_date <= last_day({{ infra_accounting.close_period_month() }})
),

history_lines as (
    select
        posted_lines.journal_id,
        posted_lines.journal_line_number,
        posted_lines.subsidiary_id,
        posted_lines.period_month,
        posted_lines.posting_date,
        posted_lines.account_number,
        posted_lines.debit_amount,
        posted_lines.credit_amount,
        posted_lines.currency_code,
        posted_lines.source_area,
        posted_lines.journal_type,
        posted_lines.source_document_id,
        posted_lines.memo,
        'posted_history' as ledger_status
    from posted_lines
    inner join periods
        on posted_lines.period_month = periods.period_month
    where
        posted_lines.period_month < {{ infra_accounting.close_period_month() }}
        and not coalesce(periods.is_closed, false)
),

proposed_lines as (
    select
        journal_id,
        journal_line_number,
        subsidiary_id,
        period_month,
        posting_date,
        account_number,
        debit_amount,
        credit_amount,
        currency_code,
        source_area,
        journal_type,
        source_document_id,
        memo,
        'proposed' as ledger_status
    from journal_entries
),

final as (
    select * from erp_lines
    union all
    select * from history_lines
    union all
    select * from proposed_lines
)

select * from final
