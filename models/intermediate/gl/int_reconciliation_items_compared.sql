-- One row per document-level reconciliation (ar, cash, cip), subsidiary, GL account and
-- document (invoice, payment, bank line, capital project): the subledger amount, the GL amount
-- (posted plus proposed, up to the close month) and the difference, in the functional
-- currency. The documents' differences add up to each reconciliation's difference by
-- construction. The GL journals behind a document are in its monthly movements
-- (int_reconciliation_items_monthly.gl_journal_ids); rpt_reconciling_items lists them for
-- the documents that differ.
-- The document's movements added up (int_reconciliation_document_movements, DECISIONLOG
-- C-014): its monthly movements of the inputs re-read by month, the documents of the extracts
-- staged whole and the foreign-currency bank accounts' balance at the close month's
-- period-end rate.
-- A view: its readers take the differing documents, and a close no longer writes a copy of
-- every document of the history (issue #8).
{{ config(materialized='view') }}

with
movements as (select * from {{ ref('int_reconciliation_document_movements') }}),

documents as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        sum(subledger_amount) as subledger_amount,
        sum(gl_amount) as gl_amount
    from movements
    group by all
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
        cast(subledger_amount - gl_amount as decimal(18, 2)) as difference_amount
    from documents
)

select * from final
