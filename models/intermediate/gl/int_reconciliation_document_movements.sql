-- One row per movement of a document-level reconciliation (ar, cash, cip): a document's
-- monthly movement re-read by month (int_reconciliation_items_monthly, incremental: a close
-- recomputes only its own months), a document of an extract staged whole
-- (int_reconciliation_subledger_documents: invoices, capex, assets placed in service) or a
-- foreign-currency bank account's balance at the close month's period-end rate
-- (int_reconciliation_foreign_cash_remeasured), in the functional currency, not added up.
-- A view, read twice: int_reconciliation_items_compared adds the movements up per document,
-- rpt_subledger_to_gl_reconciliation per account, without the documents in between
-- (issue #8: the per-document sum of the whole history was computed again for the balances).
{{ config(materialized='view') }}
{%- set document_columns = ['reconciliation_name', 'subsidiary_id', 'account_number', 'document_id', 'subledger_amount'] %}

with
monthly_items as (select * from {{ ref('int_reconciliation_items_monthly') }}),

subledger_documents as (select * from {{ ref('int_reconciliation_subledger_documents') }}),

foreign_cash as (select * from {{ ref('int_reconciliation_foreign_cash_remeasured') }}),

final as (
    select
        {{ document_columns | join(',\n        ') }},
        gl_amount
    from monthly_items
    union all
    select
        {{ document_columns | join(',\n        ') }},
        0 as gl_amount
    from subledger_documents
    union all
    select
        {{ document_columns | join(',\n        ') }},
        gl_amount
    from foreign_cash
)

select * from final
