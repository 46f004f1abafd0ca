-- One row per asset per month from the month it starts depreciating to the end of its life,
-- its disposal or the close period: the month's depreciation and the month-end cost,
-- accumulated depreciation and net book value in the holding entity's functional currency.
-- Incremental by month: a run appends the months from incremental_recompute_month() on, their
-- running balances starting from each holding's balance before the first recomputed month (the
-- ledger entries before it, summed); closed months are read, not rebuilt.
{{ infra_accounting.incremental_by_period_month() }}

with
ledger_entries as (
    select * from {{ ref('int_asset_ledger_entries') }}
    {{ infra_accounting.recomputed_months_filter() }}
),

validated_events as (select * from {{ ref('int_fixed_asset_events_validated') }}),

assets as (select * from {{ ref('int_fixed_assets_classified') }}),

-- the ledger entries as they are: the running balances below take a month's movements
-- whatever their order within the month, and the engine books at most one depreciation row
-- per asset and month (checked by the schedule's key test)
recomputed_movements as (
    select
        asset_id,
        subsidiary_id,
        currency_code,
        period_month,
        depreciation_amount,
        cost_change_amount,
        accumulated_depreciation_change_amount,
        entry_type = 'depreciation' as has_depreciation_row
    from ledger_entries
),

-- noqa: disable=LT02
{% if is_incremental() %}
opening_balances as (
    -- each holding's cost and accumulated depreciation before the first recomputed month: a
    -- pseudo-row that starts the running balances (not written: it has no depreciation row)
    select
        asset_id,
        subsidiary_id,
        currency_code,
        {{ infra_accounting.add_months(infra_accounting.incremental_recompute_month('period_month'), -1) }} as period_month,
        0 as depreciation_amount,
        sum(cost_change_amount) as cost_change_amount,
        sum(accumulated_depreciation_change_amount) as accumulated_depreciation_change_amount,
        false as has_depreciation_row
    from {{ ref('int_asset_ledger_entries') }}
    where period_month < {{ infra_accounting.incremental_recompute_month('period_month') }}
    group by asset_id, subsidiary_id, currency_code
),

monthly_movements as (
    select * from recomputed_movements
    union all by name
    select * from opening_balances
),
{% else %}
monthly_movements as (select * from recomputed_movements),
{% endif %}
-- noqa: enable=LT02

-- month-end balances: every entry up to the end of its month (range: a month's entries are
-- peers, so each of them carries the whole month)
monthly_balances as (
    select
        *,
        sum(cost_change_amount) over (
            partition by asset_id, subsidiary_id order by period_month
            range between unbounded preceding and current row
        ) as cost_closing_amount,
        sum(accumulated_depreciation_change_amount) over (
            partition by asset_id, subsidiary_id order by period_month
            range between unbounded preceding and current row
        ) as accumulated_depreciation_closing_amount
    from monthly_movements
),

location_changes as (
    select
        asset_id,
        effective_month as valid_from_month,
        to_location_id as location_id
    from validated_events
    where is_bookable and event_type = 'transfer' and to_location_id is not null
    qualify row_number() over (partition by asset_id, effective_month order by event_date desc, event_id desc) = 1
),

location_history as (
    select
        asset_id,
        valid_from_month,
        coalesce(lead(valid_from_month) over (
            partition by asset_id order by valid_from_month
            rows between current row and 1 following
        ), date '9999-12-01') as valid_to_month,
        location_id
    from location_changes
),

depreciation_rows as (
    select
        balances.asset_id,
        balances.period_month,
        balances.subsidiary_id,
        assets.asset_class_code,
        coalesce(location_history.location_id, assets.location_id) as location_id,
        balances.depreciation_amount,
        balances.accumulated_depreciation_closing_amount as accumulated_depreciation_amount,
        balances.cost_closing_amount - balances.accumulated_depreciation_closing_amount as net_book_value_amount,
        balances.cost_closing_amount as cost_amount,
        balances.currency_code
    from monthly_balances as balances
    inner join assets on balances.asset_id = assets.asset_id
    left join location_history
        on balances.asset_id = location_history.asset_id
            and balances.period_month >= location_history.valid_from_month
            and balances.period_month < location_history.valid_to_month
    where balances.has_depreciation_row
),

final as (
    select
        asset_id,
        period_month,
        subsidiary_id,
        asset_class_code,
        location_id,
        cast(depreciation_amount as decimal(18, 2)) as depreciation_amount,
        cast(accumulated_depreciation_amount as decimal(18, 2)) as accumulated_depreciation_amount,
        cast(net_book_value_amount as decimal(18, 2)) as net_book_value_amount,
        cast(cost_amount as decimal(18, 2)) as cost_amount,
        currency_code
    from depreciation_rows
)

select * from final
