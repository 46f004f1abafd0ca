-- One row per reconciling item: a document (invoice, payment, bank line, capital project)
-- whose subledger amount differs from the GL, with the reason found in the data and the
-- journals behind it (drill-down, from the document's monthly movements). The items of a
-- reconciliation add up to its difference.
{%- set document_keys = ['reconciliation_name', 'subsidiary_id', 'account_number', 'document_id'] %}
with
document_differences as (
    select * from {{ ref('int_reconciliation_items_compared') }}
    where difference_amount <> 0
),

monthly_items as (select * from {{ ref('int_reconciliation_items_monthly') }}),

journal_compared as (select * from {{ ref('int_reconciliation_journals_compared') }}),

-- the GL journals behind each differing document, over the months it moved in
document_journals as (
    select
        {% for key in document_keys -%}
            monthly_items.{{ key }},
        {% endfor -%}
        list_sort(list_distinct(flatten(list(monthly_items.gl_journal_ids)))) as gl_journal_ids
    from monthly_items
    semi join document_differences
        on {{ infra_accounting.columns_equal('monthly_items', 'document_differences', document_keys) }}
    group by all
),

document_compared as (
    select
        document_differences.*,
        coalesce(len(document_journals.gl_journal_ids), 0) as gl_journal_count,
        {{ infra_accounting.joined_list('document_journals.gl_journal_ids') }} as gl_journal_ids
    from document_differences
    left join document_journals
        on {{ infra_accounting.columns_equal('document_differences', 'document_journals', document_keys) }}
),

gl_lines as (select * from {{ ref('int_gl_lines_combined') }}),

compared as (
    select
        *,
        'document' as item_level
    from document_compared
    union all by name
    select * from journal_compared
),

differences as (
    select *
    from compared
    where difference_amount <> 0
),

foreign_contract_balances as (
    select
        case when rollforwards.source_name = 'deferred' then 'deferred_revenue' else 'unbilled' end as reconciliation_name,
        rollforwards.subsidiary_id,
        {{ infra_accounting.sorted_distinct_list('rollforwards.currency_code') }} as currency_codes
    from (
        select
            'deferred' as source_name,
            subsidiary_id,
            currency_code,
            closing_amount
        from {{ ref('rpt_deferred_revenue_rollforward') }}
        where period_month = {{ infra_accounting.close_period_month() }}
        union all
        select
            'unbilled' as source_name,
            subsidiary_id,
            currency_code,
            closing_amount
        from {{ ref('rpt_unbilled_receivables_rollforward') }}
        where period_month = {{ infra_accounting.close_period_month() }}
    ) as rollforwards
    inner join {{ ref('stg_erp__subsidiaries') }} as subsidiaries
        on rollforwards.subsidiary_id = subsidiaries.subsidiary_id
    where rollforwards.currency_code <> subsidiaries.functional_currency_code and rollforwards.closing_amount <> 0
    group by all
),

-- the journal-level items' journals that the GL holds (only theirs: the distinct journals of
-- the whole GL were 2 M groups at L)
posted_journals as (
    select distinct gl_lines.journal_id
    from gl_lines
    semi join differences
        on
            gl_lines.journal_id = differences.document_id
            and differences.item_level = 'journal'
),

-- Journal-level items: the same journal differing the opposite way in another account.
other_account as (
    select
        differences.reconciliation_name,
        differences.subsidiary_id,
        differences.account_number,
        differences.document_id,
        string_agg(other_differences.account_number, ', ' order by other_differences.account_number) as other_account_numbers
    from differences
    inner join differences as other_differences
        on
            differences.reconciliation_name = other_differences.reconciliation_name
            and differences.subsidiary_id = other_differences.subsidiary_id
            and differences.document_id = other_differences.document_id
            and differences.account_number <> other_differences.account_number
            and differences.difference_amount = -other_differences.difference_amount
    where differences.item_level = 'journal'
    group by all
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
        {{ infra_accounting.sorted_distinct_list('account_number') }} as expense_accounts,
        {{ infra_accounting.sorted_distinct_list('journal_id') }} as journal_ids,
        sum(debit_amount - credit_amount) as expensed_amount
    from gl_lines
    where
        account_number >= '5000'
        -- the plain search first: the pattern is evaluated only on the lines that name a project
        and contains(memo, 'CP-')
        and regexp_matches(memo, 'BILL-[0-9]+.*CP-[0-9]+')
    group by all
),

classified as (
    select
        differences.*,
        case
            when differences.item_level = 'journal' and posted_journals.journal_id is null
                then 'Subledger journal ' || differences.document_id || ' not posted in the GL'
            when
                differences.item_level = 'journal' and other_account.other_account_numbers is not null
                and differences.difference_amount > 0
                then 'Journal ' || differences.document_id || ' posted to account ' || other_account.other_account_numbers
                    || ' instead of ' || differences.account_number
            when differences.item_level = 'journal' and other_account.other_account_numbers is not null
                then 'Journal ' || differences.document_id || ' posted here instead of account ' || other_account.other_account_numbers
            when
                differences.item_level = 'journal' and differences.subledger_amount <> 0
                and differences.gl_amount = 2 * differences.subledger_amount
                then 'Journal ' || differences.document_id || ' posted twice in the GL'
            when differences.item_level = 'journal' and differences.gl_amount = 0
                then 'Subledger journal ' || differences.document_id || ' has no line in this account in the GL'
            when differences.item_level = 'journal' and differences.subledger_amount = 0
                then 'GL journal ' || differences.document_id || ' not in the subledger''s journals'
            when differences.item_level = 'journal'
                then 'Subledger journal ' || differences.document_id || ' recomputes to ' || differences.subledger_amount
                    || ' but the GL posted ' || differences.gl_amount
                    || ' (input or subledger logic changed after posting): re-post or book a catch-up'
            when differences.item_level = 'schedule' and foreign_contract_balances.subsidiary_id is not null
                then 'Foreign-currency contract balances (' || foreign_contract_balances.currency_codes
                    || ') at the period-end rate vs journals at the rates of each month: remeasurement not booked (ASC 830-20-35-1)'
            when differences.item_level = 'schedule'
                then 'Subledger schedule balance differs from the sum of its own journal lines'
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
            when differences.reconciliation_name = 'ar' and differences.document_id like 'FA-DSP-%'
                then 'Asset disposal proceeds receivable booked to AR by the fixed-asset subledger (journal '
                    || differences.document_id || '), not a customer invoice'
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
    left join posted_journals
        on differences.document_id = posted_journals.journal_id
    left join foreign_contract_balances
        on
            differences.reconciliation_name = foreign_contract_balances.reconciliation_name
            and differences.subsidiary_id = foreign_contract_balances.subsidiary_id
    left join other_account
        on
            differences.reconciliation_name = other_account.reconciliation_name
            and differences.subsidiary_id = other_account.subsidiary_id
            and differences.account_number = other_account.account_number
            and differences.document_id = other_account.document_id
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
        item_level,
        subledger_amount,
        gl_amount,
        difference_amount,
        gl_journal_ids,
        reason,
        reason not in (
            'In the GL, not in the subledger',
            'In the subledger, not posted in the GL',
            'Subledger and GL amounts differ',
            'Subledger schedule balance differs from the sum of its own journal lines'
        ) and reason not like '% recomputes to % but the GL posted %' as is_explained
    from classified
)

select * from final
