-- One row per reconciliation, subsidiary, GL account and document for the balances the
-- subledgers carry (FA cost, accumulated depreciation, ROU assets, lease liabilities,
-- deferred revenue, unbilled receivables): per
-- journal, the subledger's journal amount vs the GL amount (a journal not posted, posted to
-- another account or twice), plus one row per subsidiary, account (and lease) for the
-- subledger's own schedule balance against its journals. Functional currency, through the
-- close month; the rows add up to subledger balance minus GL balance by construction.
{%- set account_keys = ['reconciliation_name', 'subsidiary_id', 'account_number'] %}
{%- set item_keys = account_keys + ['document_id'] %}
with
gl_lines as (select * from {{ ref('int_gl_lines_combined') }}),

recomputed_lines as (select * from {{ ref('int_journal_lines_unioned') }}),

journal_entries as (select * from {{ ref('fct_journal_entries') }}),

asset_rollforward as (select * from {{ ref('rpt_fixed_asset_rollforward_detail') }}),

lease_schedule as (select * from {{ ref('fct_lease_schedule') }}),

asset_classes as (select * from {{ ref('stg_policy__asset_classes') }}),

deferred_revenue as (select * from {{ ref('rpt_deferred_revenue_rollforward') }}),

unbilled_receivables as (select * from {{ ref('rpt_unbilled_receivables_rollforward') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

-- Which GL accounts each reconciliation covers. Finance-lease ROU is reconciled net: the
-- accumulated amortization account 1711 is read as part of 1710; contract liabilities
-- (deferred revenue 2200 and prepaid credits 2210) are reconciled together as 2210.
reconciliation_accounts as (
    select distinct
        'fa_cost' as reconciliation_name,
        cost_account as gl_account_number,
        cost_account as account_number
    from asset_classes
    where cost_account is not null and asset_class_code <> 'CIP'
    union all
    select distinct
        'accumulated_depreciation' as reconciliation_name,
        accumulated_depreciation_account as gl_account_number,
        accumulated_depreciation_account as account_number
    from asset_classes
    where accumulated_depreciation_account is not null
    union all
    select
        lease_accounts.reconciliation_name,
        lease_accounts.gl_account_number,
        lease_accounts.account_number
    from (
        values
        ('rou_assets', '1700', '1700'),
        ('rou_assets', '1710', '1710'),
        ('rou_assets', '1711', '1710'),
        ('lease_liabilities', '2300', '2300'),
        ('lease_liabilities', '2400', '2400'),
        ('lease_liabilities', '2310', '2310'),
        ('lease_liabilities', '2410', '2410'),
        ('deferred_revenue', '2200', '2210'),
        ('deferred_revenue', '2210', '2210'),
        ('unbilled', '1210', '1210')
    ) as lease_accounts (reconciliation_name, gl_account_number, account_number)
),

-- The subledgers' schedule balances at the close month (debit positive).
fixed_asset_balances as (
    select
        'fa_cost' as reconciliation_name,
        asset_rollforward.subsidiary_id,
        asset_classes.cost_account as account_number,
        sum(asset_rollforward.cost_closing_amount) as amount
    from asset_rollforward
    inner join asset_classes
        on asset_rollforward.asset_class_code = asset_classes.asset_class_code
    where asset_rollforward.period_month = {{ infra_accounting.close_period_month() }}
    group by all
    union all
    select
        'accumulated_depreciation' as reconciliation_name,
        asset_rollforward.subsidiary_id,
        asset_classes.accumulated_depreciation_account as account_number,
        -sum(asset_rollforward.accumulated_depreciation_closing_amount) as amount
    from asset_rollforward
    inner join asset_classes
        on asset_rollforward.asset_class_code = asset_classes.asset_class_code
    where
        asset_rollforward.period_month = {{ infra_accounting.close_period_month() }}
        and asset_classes.accumulated_depreciation_account is not null
    group by all
),

-- Contract balances per currency, in the functional currency at the period-end rate
-- (a foreign-currency contract's balance is a monetary item, ASC 830-20-35-1).
revenue_rollforwards as (
    select
        'deferred_revenue' as reconciliation_name,
        '2210' as account_number,
        subsidiary_id,
        currency_code,
        -closing_amount as amount
    from deferred_revenue
    where period_month = {{ infra_accounting.close_period_month() }}
    union all
    select
        'unbilled' as reconciliation_name,
        '1210' as account_number,
        subsidiary_id,
        currency_code,
        closing_amount as amount
    from unbilled_receivables
    where period_month = {{ infra_accounting.close_period_month() }}
),

revenue_balances as (
    select
        revenue_rollforwards.reconciliation_name,
        revenue_rollforwards.subsidiary_id,
        revenue_rollforwards.account_number,
        sum({{ infra_accounting.money('cast(revenue_rollforwards.amount as decimal(38, 2)) * coalesce(fx_rates.period_end_rate, 1)') }})
            as amount
    from revenue_rollforwards
    inner join subsidiaries
        on revenue_rollforwards.subsidiary_id = subsidiaries.subsidiary_id
    left join fx_rates
        on
            fx_rates.period_month = {{ infra_accounting.close_period_month() }}
            and revenue_rollforwards.currency_code = fx_rates.from_currency
            and subsidiaries.functional_currency_code = fx_rates.to_currency
    group by all
),

lease_balances_at_close as (
    select *
    from lease_schedule
    where
        period_month = {{ infra_accounting.close_period_month() }}
        and classification in ('operating', 'finance')
),

lease_balances as (
    select
        'rou_assets' as reconciliation_name,
        subsidiary_id,
        case when classification = 'finance' then '1710' else '1700' end as account_number,
        lease_id,
        rou_closing_amount as amount
    from lease_balances_at_close
    union all
    select
        'lease_liabilities' as reconciliation_name,
        subsidiary_id,
        case when classification = 'finance' then '2310' else '2300' end as account_number,
        lease_id,
        -liability_current_amount as amount
    from lease_balances_at_close
    union all
    select
        'lease_liabilities' as reconciliation_name,
        subsidiary_id,
        case when classification = 'finance' then '2410' else '2400' end as account_number,
        lease_id,
        -liability_noncurrent_amount as amount
    from lease_balances_at_close
),

-- The subledgers' journals: recomputed for earlier months, as proposed for the close month.
subledger_journal_lines as (
    select
        journal_id,
        subsidiary_id,
        account_number,
        source_area,
        journal_type,
        source_document_id,
        debit_amount - credit_amount as amount
    from recomputed_lines
    where period_month < {{ infra_accounting.close_period_month() }}
    union all
    select
        journal_id,
        subsidiary_id,
        account_number,
        source_area,
        journal_type,
        source_document_id,
        debit_amount - credit_amount as amount
    from journal_entries
),

subledger_journals as (
    select distinct journal_id
    from subledger_journal_lines
),

-- GL lines in the reconciled accounts; lines of operational journals (AP additions bought
-- directly) count on both sides: the register holds those assets, the AP journal posts them.
gl_in_scope as (
    select
        reconciliation_accounts.reconciliation_name,
        gl_lines.subsidiary_id,
        reconciliation_accounts.account_number,
        gl_lines.journal_id,
        subledger_journals.journal_id is not null as is_subledger_journal,
        gl_lines.debit_amount - gl_lines.credit_amount as amount
    from gl_lines
    inner join reconciliation_accounts
        on gl_lines.account_number = reconciliation_accounts.gl_account_number
    left join subledger_journals
        on gl_lines.journal_id = subledger_journals.journal_id
),

journals_in_scope as (
    select
        reconciliation_accounts.reconciliation_name,
        subledger_journal_lines.subsidiary_id,
        reconciliation_accounts.account_number,
        subledger_journal_lines.journal_id,
        subledger_journal_lines.source_document_id,
        subledger_journal_lines.amount
    from subledger_journal_lines
    inner join reconciliation_accounts
        on subledger_journal_lines.account_number = reconciliation_accounts.gl_account_number
    union all
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        journal_id,
        cast(null as varchar) as source_document_id,
        amount
    from gl_in_scope
    where not is_subledger_journal
),

journal_sides as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        journal_id,
        sum(amount) as journal_amount
    from journals_in_scope
    group by all
),

gl_sides as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        journal_id,
        sum(amount) as gl_amount
    from gl_in_scope
    group by all
),

journals_compared as (
    select
        {{ infra_accounting.coalesce_columns('journal_sides', 'gl_sides', account_keys) }},
        coalesce(journal_sides.journal_id, gl_sides.journal_id) as document_id,
        coalesce(journal_sides.journal_amount, 0) as subledger_amount,
        coalesce(gl_sides.gl_amount, 0) as gl_amount,
        case when gl_sides.journal_id is null then 0 else 1 end as gl_journal_count,
        gl_sides.journal_id as gl_journal_ids,
        'journal' as item_level
    from journal_sides
    full outer join gl_sides
        on {{ infra_accounting.columns_equal('journal_sides', 'gl_sides', account_keys + ['journal_id']) }}
),

-- The subledger's schedule balance against the sum of its journals, per account (and per
-- lease for the lease reconciliations): the journal rows above carry the journals, so this
-- row is schedule minus journals.
schedule_sides as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        'SCHEDULE-' || reconciliation_name || '-' || account_number as document_id,
        amount
    from fixed_asset_balances
    union all
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        'SCHEDULE-' || reconciliation_name || '-' || account_number as document_id,
        amount
    from revenue_balances
    union all
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        lease_id as document_id,
        amount
    from lease_balances
),

journal_totals as (
    select
        journals_in_scope.reconciliation_name,
        journals_in_scope.subsidiary_id,
        journals_in_scope.account_number,
        case
            when journals_in_scope.reconciliation_name in ('rou_assets', 'lease_liabilities')
                then coalesce(journals_in_scope.source_document_id, journals_in_scope.journal_id)
            else 'SCHEDULE-' || journals_in_scope.reconciliation_name || '-' || journals_in_scope.account_number
        end as document_id,
        sum(journals_in_scope.amount) as amount
    from journals_in_scope
    group by all
),

schedule_compared as (
    select
        {{ infra_accounting.coalesce_columns('schedule_sides', 'journal_totals', item_keys) }},
        coalesce(schedule_sides.amount, 0) - coalesce(journal_totals.amount, 0) as subledger_amount,
        0 as gl_amount,
        0 as gl_journal_count,
        cast(null as varchar) as gl_journal_ids,
        'schedule' as item_level
    from schedule_sides
    full outer join journal_totals
        on {{ infra_accounting.columns_equal('schedule_sides', 'journal_totals', item_keys) }}
),

combined as (
    select * from journals_compared
    union all
    select * from schedule_compared
),

-- the sides are sums of amounts already in cents (rounded once where they were converted),
-- so the money type is a plain cast: nothing to round
final as (
    select
        reconciliation_name,
        subsidiary_id,
        account_number,
        document_id,
        item_level,
        cast(subledger_amount as decimal(18, 2)) as subledger_amount,
        cast(gl_amount as decimal(18, 2)) as gl_amount,
        cast(subledger_amount - gl_amount as decimal(18, 2)) as difference_amount,
        gl_journal_count,
        gl_journal_ids
    from combined
)

select * from final
