-- One row per reconciliation per subsidiary per GL account at the close month: subledger
-- balance, GL balance (posted plus proposed), difference, the tolerance from policy, the
-- reconciling items that explain it and the status. The document-level reconciliations' sides
-- are their movements added up per account (the documents' sums add up to the same: every
-- amount is in cents).
with
document_movements as (select * from {{ ref('int_reconciliation_document_movements') }}),

journal_compared as (select * from {{ ref('int_reconciliation_journals_compared') }}),

items as (select * from {{ ref('rpt_reconciling_items') }}),

tolerances as (select * from {{ ref('stg_policy__reconciliation_tolerances') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

balances as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        sum(subledger_amount) as subledger_amount,
        sum(gl_amount) as gl_amount,
        sum(difference_amount) as difference_amount
    from (
        select
            reconciliation_name,
            subsidiary_id,
            account_number,
            subledger_amount,
            gl_amount,
            subledger_amount - gl_amount as difference_amount
        from document_movements
        union all
        select
            reconciliation_name,
            subsidiary_id,
            account_number,
            subledger_amount,
            gl_amount,
            difference_amount
        from journal_compared
    ) as compared
    group by all
),

explained as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        count(*) as reconciling_item_count,
        sum(difference_amount) filter (where is_explained) as explained_amount,
        string_agg(
            document_id || ' ' || difference_amount || ': ' || reason, '; '
            order by abs(difference_amount) desc, document_id
        ) as reconciling_items
    from items
    group by all
),

final as (
    select
        balances.reconciliation_name,
        balances.subsidiary_id,
        balances.account_number,
        subsidiaries.functional_currency_code as currency_code,
        {{ infra_accounting.money('balances.subledger_amount') }} as subledger_amount,
        {{ infra_accounting.money('balances.gl_amount') }} as gl_amount,
        {{ infra_accounting.money('balances.difference_amount') }} as difference_amount,
        {{ infra_accounting.money('coalesce(tolerances.tolerance_amount, 0)') }} as tolerance_amount,
        coalesce(explained.reconciling_item_count, 0) as reconciling_item_count,
        {{ infra_accounting.money('coalesce(explained.explained_amount, 0)') }} as explained_amount,
        {{ infra_accounting.money('balances.difference_amount - coalesce(explained.explained_amount, 0)') }}
            as unexplained_amount,
        case
            when abs(balances.difference_amount) <= coalesce(tolerances.tolerance_amount, 0) then 'reconciled'
            when abs(balances.difference_amount - coalesce(explained.explained_amount, 0))
                <= coalesce(tolerances.tolerance_amount, 0) then 'explained'
            else 'unreconciled'
        end as reconciliation_status,
        explained.reconciling_items
    from balances
    inner join subsidiaries
        on balances.subsidiary_id = subsidiaries.subsidiary_id
    left join tolerances
        on balances.reconciliation_name = tolerances.reconciliation_name
    left join explained
        on
            balances.reconciliation_name = explained.reconciliation_name
            and balances.subsidiary_id = explained.subsidiary_id
            and balances.account_number = explained.account_number
)

select * from final
