-- One row per asset per holding entity per month, from the month the asset entered the
-- entity to the close period (or the month it left by disposal or transfer): the
-- roll-forward of cost and accumulated depreciation at asset level. rpt_fixed_asset_rollforward
-- is its sum by entity, asset class and month.
--
-- Set-based and proportional to activity (issue #8): the running balances are a window sum
-- over the months with ledger activity only; a month without activity (a fully depreciated
-- asset still held, say) is generated from the gap between two activity months and carries
-- the balance. Incremental by month: a run recomputes the months from
-- incremental_recompute_month() on, starting from the closing balances of the last closed
-- month already in the table; closed months are read, not rebuilt.
{{ infra_accounting.incremental_by_period_month() }}

with
ledger_entries as (
    select * from {{ ref('int_asset_ledger_entries') }}
    {{ infra_accounting.recomputed_months_filter() }}
),

monthly_activity as (
    select
        asset_id,
        subsidiary_id,
        currency_code,
        asset_class_code,
        period_month,
        false as is_carried,
        sum(case when entry_type = 'addition' then cost_change_amount else 0 end) as cost_additions_amount,
        sum(case when entry_type = 'cip_transfer_in' then cost_change_amount else 0 end) as cost_cip_transfers_in_amount,
        sum(case when entry_type = 'cost_adjustment' then cost_change_amount else 0 end) as cost_adjustments_amount,
        sum(case when entry_type in ('transfer_in', 'transfer_out') then cost_change_amount else 0 end) as cost_transfers_amount,
        sum(case when entry_type in ('disposal', 'partial_disposal') then cost_change_amount else 0 end) as cost_disposals_amount,
        sum(case when entry_type = 'impairment' then cost_change_amount else 0 end) as cost_impairments_amount,
        sum(depreciation_amount) as depreciation_amount,
        sum(
            case when entry_type in ('disposal', 'partial_disposal') then accumulated_depreciation_change_amount else 0 end
        ) as accumulated_depreciation_disposals_amount,
        sum(
            case when entry_type in ('transfer_in', 'transfer_out') then accumulated_depreciation_change_amount else 0 end
        ) as accumulated_depreciation_transfers_amount,
        sum(cost_change_amount) as cost_change_amount,
        sum(depreciation_amount) + sum(
            case
                when entry_type in ('disposal', 'partial_disposal', 'transfer_in', 'transfer_out')
                    then accumulated_depreciation_change_amount
                else 0
            end
        ) as accumulated_depreciation_change_amount,
        bool_or(entry_type in ('disposal', 'transfer_out')) as is_exit_month
    from ledger_entries
    group by asset_id, subsidiary_id, currency_code, asset_class_code, period_month
),

-- noqa: disable=LT02
{% if is_incremental() %}
closed_month_exits as (
    -- holdings that ended in the last closed month: nothing to carry
    select distinct
        asset_id,
        subsidiary_id
    from {{ ref('int_asset_ledger_entries') }}
    where entry_type in ('disposal', 'transfer_out')
        and period_month = {{ infra_accounting.add_months(infra_accounting.incremental_recompute_month('period_month'), -1) }}
),

carried_balances as (
    -- the closing balances of the last closed month, read from this table: the opening of the
    -- first recomputed month (a pseudo-row, not written again)
    select
        closed.asset_id,
        closed.subsidiary_id,
        closed.currency_code,
        closed.asset_class_code,
        closed.period_month,
        true as is_carried,
        0 as cost_additions_amount,
        0 as cost_cip_transfers_in_amount,
        0 as cost_adjustments_amount,
        0 as cost_transfers_amount,
        0 as cost_disposals_amount,
        0 as cost_impairments_amount,
        0 as depreciation_amount,
        0 as accumulated_depreciation_disposals_amount,
        0 as accumulated_depreciation_transfers_amount,
        closed.cost_closing_amount as cost_change_amount,
        closed.accumulated_depreciation_closing_amount as accumulated_depreciation_change_amount,
        false as is_exit_month
    from {{ this }} as closed
    anti join closed_month_exits as exits
        on closed.asset_id = exits.asset_id
            and closed.subsidiary_id = exits.subsidiary_id
    where closed.period_month = {{ infra_accounting.add_months(infra_accounting.incremental_recompute_month('period_month'), -1) }}
),

activity_rows as (
    select * from monthly_activity
    union all by name
    select * from carried_balances
),
{% else %}
activity_rows as (select * from monthly_activity),
{% endif %}
-- noqa: enable=LT02

balances as (
    select
        *,
        sum(cost_change_amount) over holding_months as cost_closing_amount,
        sum(accumulated_depreciation_change_amount) over holding_months as accumulated_depreciation_closing_amount,
        lead(period_month) over (
            partition by asset_id, subsidiary_id order by period_month
            rows between current row and 1 following
        ) as next_activity_month
    from activity_rows
    window holding_months as (
        partition by asset_id, subsidiary_id order by period_month
        rows between unbounded preceding and current row
    )
),

activity_months as (
    select
        asset_id,
        subsidiary_id,
        asset_class_code,
        period_month,
        currency_code,
        cost_additions_amount,
        cost_cip_transfers_in_amount,
        cost_adjustments_amount,
        cost_transfers_amount,
        cost_disposals_amount,
        cost_impairments_amount,
        depreciation_amount,
        accumulated_depreciation_disposals_amount,
        accumulated_depreciation_transfers_amount,
        cost_change_amount,
        accumulated_depreciation_change_amount,
        cost_closing_amount,
        accumulated_depreciation_closing_amount
    from balances
    where not is_carried
),

gaps as (
    -- a holding's months without activity: after an activity month (not an exit) up to the
    -- next activity month, or to the close period
    select
        asset_id,
        subsidiary_id,
        asset_class_code,
        currency_code,
        period_month as gap_after_month,
        coalesce(
            {{ infra_accounting.add_months('next_activity_month', -1) }}, {{ infra_accounting.close_period_month() }}
        ) as gap_last_month,
        cost_closing_amount,
        accumulated_depreciation_closing_amount
    from balances
    where not is_exit_month
        and period_month < coalesce(
            {{ infra_accounting.add_months('next_activity_month', -1) }}, {{ infra_accounting.close_period_month() }}
        )
),

gap_month_series as (
    select
        asset_id,
        subsidiary_id,
        asset_class_code,
        currency_code,
        cost_closing_amount,
        accumulated_depreciation_closing_amount,
        unnest(generate_series(
            {{ infra_accounting.add_months('gap_after_month', 1) }}, gap_last_month, interval 1 month
        )) as gap_month
    from gaps
),

gap_months as (
    select
        asset_id,
        subsidiary_id,
        asset_class_code,
        cast(gap_month as date) as period_month,
        currency_code,
        0 as cost_additions_amount,
        0 as cost_cip_transfers_in_amount,
        0 as cost_adjustments_amount,
        0 as cost_transfers_amount,
        0 as cost_disposals_amount,
        0 as cost_impairments_amount,
        0 as depreciation_amount,
        0 as accumulated_depreciation_disposals_amount,
        0 as accumulated_depreciation_transfers_amount,
        0 as cost_change_amount,
        0 as accumulated_depreciation_change_amount,
        cost_closing_amount,
        accumulated_depreciation_closing_amount
    from gap_month_series
),

all_months as (
    select * from activity_months
    union all
    select * from gap_months
),

final as (
    select
        asset_id,
        subsidiary_id,
        asset_class_code,
        period_month,
        currency_code,
        cast(cost_closing_amount - cost_change_amount as decimal(18, 2)) as cost_opening_amount,
        cast(cost_additions_amount as decimal(18, 2)) as cost_additions_amount,
        cast(cost_cip_transfers_in_amount as decimal(18, 2)) as cost_cip_transfers_in_amount,
        cast(cost_adjustments_amount as decimal(18, 2)) as cost_adjustments_amount,
        cast(cost_transfers_amount as decimal(18, 2)) as cost_transfers_amount,
        cast(cost_disposals_amount as decimal(18, 2)) as cost_disposals_amount,
        cast(cost_impairments_amount as decimal(18, 2)) as cost_impairments_amount,
        cast(cost_closing_amount as decimal(18, 2)) as cost_closing_amount,
        cast(accumulated_depreciation_closing_amount - accumulated_depreciation_change_amount as decimal(18, 2))
            as accumulated_depreciation_opening_amount,
        cast(depreciation_amount as decimal(18, 2)) as depreciation_amount,
        cast(accumulated_depreciation_disposals_amount as decimal(18, 2)) as accumulated_depreciation_disposals_amount,
        cast(accumulated_depreciation_transfers_amount as decimal(18, 2)) as accumulated_depreciation_transfers_amount,
        cast(accumulated_depreciation_closing_amount as decimal(18, 2)) as accumulated_depreciation_closing_amount,
        cast(
            (cost_closing_amount - cost_change_amount)
            - (accumulated_depreciation_closing_amount - accumulated_depreciation_change_amount) as decimal(18, 2)
        ) as net_book_value_opening_amount,
        cast(cost_closing_amount - accumulated_depreciation_closing_amount as decimal(18, 2)) as net_book_value_closing_amount
    from all_months
)

select * from final
