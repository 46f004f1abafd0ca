-- One row per asset per holding entity per month, from the month the asset entered the
-- entity to the close period (or the month it left by disposal or transfer): the
-- roll-forward of cost and accumulated depreciation at asset level. rpt_fixed_asset_rollforward
-- is its sum by entity, asset class and month.
with
ledger_entries as (select * from {{ ref('int_asset_ledger_entries') }}),

periods as (select * from {{ ref('dim_periods') }}),

monthly_activity as (
    select
        asset_id,
        subsidiary_id,
        currency_code,
        asset_class_code,
        period_month,
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
        bool_or(entry_type in ('disposal', 'transfer_out')) as is_exit_month
    from ledger_entries
    group by asset_id, subsidiary_id, currency_code, asset_class_code, period_month
),

holding_spans as (
    select
        asset_id,
        subsidiary_id,
        currency_code,
        asset_class_code,
        min(period_month) as first_month,
        coalesce(min(case when is_exit_month then period_month end), {{ infra_accounting.close_period_month() }}) as last_month
    from monthly_activity
    group by asset_id, subsidiary_id, currency_code, asset_class_code
),

holding_months as (
    select
        spans.asset_id,
        spans.subsidiary_id,
        spans.currency_code,
        spans.asset_class_code,
        periods.period_month
    from holding_spans as spans
    inner join periods
        on periods.period_month between spans.first_month and spans.last_month
),

activity_by_month as (
    select
        months.asset_id,
        months.subsidiary_id,
        months.currency_code,
        months.asset_class_code,
        months.period_month,
        coalesce(activity.cost_additions_amount, 0) as cost_additions_amount,
        coalesce(activity.cost_cip_transfers_in_amount, 0) as cost_cip_transfers_in_amount,
        coalesce(activity.cost_adjustments_amount, 0) as cost_adjustments_amount,
        coalesce(activity.cost_transfers_amount, 0) as cost_transfers_amount,
        coalesce(activity.cost_disposals_amount, 0) as cost_disposals_amount,
        coalesce(activity.cost_impairments_amount, 0) as cost_impairments_amount,
        coalesce(activity.depreciation_amount, 0) as depreciation_amount,
        coalesce(activity.accumulated_depreciation_disposals_amount, 0) as accumulated_depreciation_disposals_amount,
        coalesce(activity.accumulated_depreciation_transfers_amount, 0) as accumulated_depreciation_transfers_amount
    from holding_months as months
    left join monthly_activity as activity
        on months.asset_id = activity.asset_id
            and months.subsidiary_id = activity.subsidiary_id
            and months.period_month = activity.period_month
),

activity_with_totals as (
    select
        *,
        cost_additions_amount + cost_cip_transfers_in_amount + cost_adjustments_amount + cost_transfers_amount
        + cost_disposals_amount + cost_impairments_amount as cost_change_amount,
        depreciation_amount + accumulated_depreciation_disposals_amount
        + accumulated_depreciation_transfers_amount as accumulated_depreciation_change_amount
    from activity_by_month
),

balances as (
    select
        *,
        sum(cost_change_amount) over (
            partition by asset_id, subsidiary_id order by period_month
            rows between unbounded preceding and current row
        ) as cost_closing_amount,
        sum(accumulated_depreciation_change_amount) over (
            partition by asset_id, subsidiary_id order by period_month
            rows between unbounded preceding and current row
        ) as accumulated_depreciation_closing_amount
    from activity_with_totals
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
    from balances
)

select * from final
