-- One row per proposed journal line of the fixed-asset subledger for every month through the
-- close period: depreciation (per entity and month), CIP capitalization (per project and
-- month), disposals and partial disposals with proceeds and gain or loss, impairments, cost
-- adjustments, transfers between entities (one journal per entity) and CIP write-offs of
-- abandoned projects. Functional currency;
-- balanced per journal_id. Additions bought directly are posted by AP (Dr cost / Cr AP).
-- Incremental by month (every journal falls in one month): a run recomputes the months from
-- incremental_recompute_month() on; closed months are read, not rebuilt (issue #8).
{{ infra_accounting.incremental_by_period_month() }}

with
ledger_entries as (
    select * from {{ ref('int_asset_ledger_entries') }}
    {{ infra_accounting.recomputed_months_filter() }}
),

assets as (select * from {{ ref('int_fixed_assets_classified') }}),

validated_events as (select * from {{ ref('int_fixed_asset_events_validated') }}),

fa_policy as (select * from {{ ref('stg_policy__fixed_asset_policy') }}),

cip_write_offs as (
    select * from {{ ref('int_cip_write_offs_validated') }}
    {{ infra_accounting.recomputed_months_filter() }}
),

depreciation_by_class as (
    -- the month's depreciation per entity and asset class, summed before the journal sides
    -- are drawn (one row per entity, class and month instead of one per asset-month)
    select
        ledger_entries.subsidiary_id,
        ledger_entries.period_month,
        ledger_entries.currency_code,
        ledger_entries.asset_class_code,
        assets.depreciation_expense_account,
        assets.accumulated_depreciation_account,
        sum(ledger_entries.depreciation_amount) as depreciation_amount
    from ledger_entries
    inner join assets on ledger_entries.asset_id = assets.asset_id
    where ledger_entries.entry_type = 'depreciation'
    group by all
),

entries_with_accounts as (
    select
        ledger_entries.*,
        assets.cost_account,
        assets.accumulated_depreciation_account,
        assets.depreciation_expense_account,
        validated_events.event_date,
        case
            when {{ infra_accounting.month_start('validated_events.event_date') }} = ledger_entries.period_month
                then validated_events.event_date
            else ledger_entries.period_month
        end as event_posting_date
    from ledger_entries
    inner join assets on ledger_entries.asset_id = assets.asset_id
    left join validated_events on ledger_entries.event_id = validated_events.event_id
    where ledger_entries.entry_type <> 'depreciation'
),

depreciation_line_roles as (
    select unnest(['expense', 'accumulated depreciation']) as line_role
),

capitalization_line_roles as (
    select unnest(['asset cost', 'construction in progress']) as line_role
),

event_line_roles as (
    select
        unnest([
            'cost', 'accumulated depreciation', 'proceeds', 'loss (gain) on disposal', 'impairment loss',
            'vendor credit / payable', 'intercompany receivable', 'intercompany payable'
        ]) as line_role
),

depreciation_sides as (
    select
        depreciation.subsidiary_id,
        depreciation.period_month,
        depreciation.currency_code,
        depreciation.asset_class_code,
        case
            when line_roles.line_role = 'expense' then depreciation.depreciation_expense_account
            else depreciation.accumulated_depreciation_account
        end as account_number,
        case
            when line_roles.line_role = 'expense' then depreciation.depreciation_amount else -depreciation.depreciation_amount
        end as signed_amount
    from depreciation_by_class as depreciation
    cross join depreciation_line_roles as line_roles
),

depreciation_lines as (
    select
        'FA-DEP-' || subsidiary_id || '-' || strftime(period_month, '%Y-%m') as journal_id,
        subsidiary_id,
        period_month,
        last_day(period_month) as posting_date,
        account_number,
        sum(signed_amount) as signed_amount,
        currency_code,
        'depreciation' as journal_type,
        'FA-DEP-' || subsidiary_id || '-' || strftime(period_month, '%Y-%m') as source_document_id,
        'Depreciation ' || strftime(period_month, '%Y-%m') || ' - '
        || {{ infra_accounting.sorted_distinct_list('asset_class_code') }} as memo
    from depreciation_sides
    group by subsidiary_id, period_month, account_number, currency_code
),

capitalization_lines as (
    select
        'FA-CAP-' || entries.project_id || '-' || strftime(entries.period_month, '%Y-%m') as journal_id,
        entries.subsidiary_id,
        entries.period_month,
        last_day(entries.period_month) as posting_date,
        case when line_roles.line_role = 'asset cost' then entries.cost_account else fa_policy.cip_account end as account_number,
        sum(case when line_roles.line_role = 'asset cost' then entries.cost_change_amount else -entries.cost_change_amount end)
            as signed_amount,
        entries.currency_code,
        'cip_capitalization' as journal_type,
        entries.project_id as source_document_id,
        'Capital project ' || entries.project_id || ' placed in service: CIP to the asset register' as memo
    from entries_with_accounts as entries
    cross join fa_policy
    cross join capitalization_line_roles as line_roles
    where entries.entry_type = 'cip_transfer_in'
    group by all
),

write_off_line_roles as (
    select unnest(['impairment loss', 'construction in progress']) as line_role
),

write_off_lines as (
    -- abandoned CIP: Dr loss on impairment / Cr CIP on the write-off date
    select
        'FA-CWO-' || write_offs.write_off_id as journal_id,
        write_offs.subsidiary_id,
        write_offs.period_month,
        write_offs.write_off_date as posting_date,
        case
            when line_roles.line_role = 'impairment loss' then fa_policy.impairment_loss_account
            else fa_policy.cip_account
        end as account_number,
        case
            when line_roles.line_role = 'impairment loss' then write_offs.write_off_amount
            else -write_offs.write_off_amount
        end as signed_amount,
        write_offs.currency_code,
        'cip_write_off' as journal_type,
        write_offs.project_id as source_document_id,
        'CIP write-off ' || write_offs.write_off_id || ' of ' || write_offs.project_id || ' (abandoned): '
        || line_roles.line_role as memo
    from cip_write_offs as write_offs
    cross join fa_policy
    cross join write_off_line_roles as line_roles
    where write_offs.is_bookable
),

event_sides as (
    -- cost and accumulated depreciation leave (disposal, partial disposal, transfer out) or
    -- arrive (transfer in); proceeds, gain or loss, impairment loss and offsets balance them
    select
        entries.event_id,
        entries.entry_type,
        entries.asset_id,
        entries.subsidiary_id,
        entries.period_month,
        entries.event_posting_date,
        entries.currency_code,
        line_roles.line_role,
        case line_roles.line_role
            when 'cost' then entries.cost_account
            when 'accumulated depreciation' then entries.accumulated_depreciation_account
            when 'proceeds' then fa_policy.disposal_proceeds_account
            when 'loss (gain) on disposal' then fa_policy.gain_loss_account
            when 'impairment loss' then fa_policy.impairment_loss_account
            when 'vendor credit / payable' then fa_policy.cost_adjustment_offset_account
            when 'intercompany receivable' then fa_policy.intercompany_receivable_account
            when 'intercompany payable' then fa_policy.intercompany_payable_account
        end as account_number,
        case
            when line_roles.line_role = 'cost' then entries.cost_change_amount
            when line_roles.line_role = 'accumulated depreciation' then -entries.accumulated_depreciation_change_amount
            when line_roles.line_role = 'proceeds' and entries.entry_type in ('disposal', 'partial_disposal')
                then entries.proceeds_amount
            when line_roles.line_role = 'loss (gain) on disposal' and entries.entry_type in ('disposal', 'partial_disposal')
                then entries.accumulated_depreciation_change_amount - entries.cost_change_amount - entries.proceeds_amount
            when line_roles.line_role = 'impairment loss' and entries.entry_type = 'impairment'
                then -entries.cost_change_amount
            when line_roles.line_role = 'vendor credit / payable' and entries.entry_type = 'cost_adjustment'
                then -entries.cost_change_amount
            when line_roles.line_role = 'intercompany receivable' and entries.entry_type = 'transfer_out'
                then entries.accumulated_depreciation_change_amount - entries.cost_change_amount
            when line_roles.line_role = 'intercompany payable' and entries.entry_type = 'transfer_in'
                then entries.accumulated_depreciation_change_amount - entries.cost_change_amount
        end as signed_amount
    from entries_with_accounts as entries
    cross join fa_policy
    cross join event_line_roles as line_roles
    where entries.entry_type in ('disposal', 'partial_disposal', 'impairment', 'cost_adjustment', 'transfer_out', 'transfer_in')
),

event_lines as (
    select
        case entry_type
            when 'disposal' then 'FA-DSP-' || event_id
            when 'partial_disposal' then 'FA-DSP-' || event_id
            when 'impairment' then 'FA-IMP-' || event_id
            when 'cost_adjustment' then 'FA-ADJ-' || event_id
            else 'FA-TRF-' || event_id || '-' || subsidiary_id
        end as journal_id,
        subsidiary_id,
        period_month,
        event_posting_date as posting_date,
        account_number,
        signed_amount,
        currency_code,
        case
            when entry_type in ('disposal', 'partial_disposal') then 'disposal'
            when entry_type in ('transfer_out', 'transfer_in') then 'transfer'
            else entry_type
        end as journal_type,
        asset_id as source_document_id,
        replace(entry_type, '_', ' ') || ' ' || event_id || ' of ' || asset_id || ': ' || line_role as memo
    from event_sides
),

all_lines as (
    select * from depreciation_lines
    union all
    select * from capitalization_lines
    union all
    select * from event_lines
    union all
    select * from write_off_lines
),

final as (
    select
        journal_id,
        cast(row_number() over (
            partition by journal_id order by case when signed_amount > 0 then 0 else 1 end, account_number, memo
        ) as integer) as journal_line_number,
        subsidiary_id,
        period_month,
        posting_date,
        cast(account_number as varchar) as account_number,
        cast(case when signed_amount > 0 then signed_amount else 0 end as decimal(18, 2)) as debit_amount,
        cast(case when signed_amount < 0 then -signed_amount else 0 end as decimal(18, 2)) as credit_amount,
        currency_code,
        journal_type,
        'fixed_assets' as source_area,
        source_document_id,
        memo
    from all_lines
    where coalesce(signed_amount, 0) <> 0
        and period_month <= {{ infra_accounting.close_period_month() }}
)

select * from final
