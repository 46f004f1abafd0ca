-- One row per reconciling item: a document (invoice, payment, bank line, capital project)
-- whose subledger amount differs from the GL, with the reason found in the data and the
-- journals behind it (drill-down). The items of a reconciliation add up to its difference.
with
compared as (select * from {{ ref('int_reconciliation_items_compared') }}),

gl_lines as (select * from {{ ref('int_gl_lines_combined') }}),

differences as (
    select *
    from compared
    where difference_amount <> 0
),

other_entity as (
    select
        differences.reconciliation_name,
        differences.subsidiary_id,
        differences.document_id,
        string_agg(other_differences.subsidiary_id, ', ' order by other_differences.subsidiary_id) as other_subsidiary_ids
    from differences
    inner join differences as other_differences
        on
            differences.reconciliation_name = other_differences.reconciliation_name
            and differences.document_id = other_differences.document_id
            and differences.subsidiary_id <> other_differences.subsidiary_id
    group by all
),

expensed_capex as (
    select
        regexp_extract(memo, '(CP-[0-9]+)', 1) as document_id,
        subsidiary_id,
        string_agg(distinct account_number, ', ' order by account_number) as expense_accounts,
        string_agg(distinct journal_id, ', ' order by journal_id) as journal_ids,
        sum(debit_amount - credit_amount) as expensed_amount
    from gl_lines
    where
        account_number >= '5000'
        and regexp_matches(memo, 'BILL-[0-9]+.*CP-[0-9]+')
    group by all
),

classified as (
    select
        differences.*,
        case
            when differences.reconciliation_name = 'cash' and differences.document_id like 'FX-REMEASUREMENT-%'
                then 'Foreign-currency bank account not remeasured at the period-end rate (unrealised FX, ASC 830-20-35-1)'
            when differences.reconciliation_name = 'cash' and differences.gl_amount = 0 and other_entity.other_subsidiary_ids is null
                then 'Bank transaction not recorded in the GL'
            when differences.reconciliation_name = 'cash' and differences.subledger_amount = 0
                then 'GL cash entry with no bank transaction in this entity (journal ' || differences.document_id || ')'
            when differences.reconciliation_name = 'cash'
                then 'Bank transaction not recorded in this entity''s GL'
            when abs(differences.difference_amount) <= 0.05
                then 'Cent rounding of foreign-currency translation'
            when differences.gl_journal_count > 1 and differences.gl_amount = 2 * differences.subledger_amount
                then 'Posted more than once in the GL (journals ' || differences.gl_journal_ids || ')'
            when differences.subledger_amount = 0 and other_entity.other_subsidiary_ids is not null
                then 'Posted to the wrong entity: the document belongs to ' || other_entity.other_subsidiary_ids
                    || ' (journals ' || coalesce(differences.gl_journal_ids, '') || ')'
            when differences.gl_amount = 0 and other_entity.other_subsidiary_ids is not null
                then 'Not in this entity''s GL: posted in ' || other_entity.other_subsidiary_ids
            when expensed_capex.expensed_amount = differences.difference_amount
                then 'Capex posted to expense account ' || expensed_capex.expense_accounts
                    || ' instead of CIP (journals ' || expensed_capex.journal_ids || ')'
            when differences.reconciliation_name = 'cip' and differences.subledger_amount = 0
                then 'Project placed in service: its capitalization (Dr asset cost / Cr 1690) is not posted in the GL'
            when differences.subledger_amount = 0
                then 'In the GL, not in the subledger'
            when differences.gl_amount = 0
                then 'In the subledger, not posted in the GL'
            else 'Subledger and GL amounts differ'
        end as reason
    from differences
    left join other_entity
        on
            differences.reconciliation_name = other_entity.reconciliation_name
            and differences.subsidiary_id = other_entity.subsidiary_id
            and differences.document_id = other_entity.document_id
    left join expensed_capex
        on
            differences.document_id = expensed_capex.document_id
            and differences.subsidiary_id = expensed_capex.subsidiary_id
),

final as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        subledger_amount,
        gl_amount,
        difference_amount,
        gl_journal_ids,
        reason
    from classified
)

select * from final
