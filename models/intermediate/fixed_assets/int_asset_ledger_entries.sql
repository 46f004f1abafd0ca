-- One row per asset ledger entry through the close period: a month of depreciation or a
-- balance movement (placed in service, disposal, partial disposal, cost adjustment,
-- impairment, transfer out / in), in the functional currency of the entity that holds the
-- asset, as decimal money. Placed-in-service entries are split into additions and CIP
-- transfers in (assets built through a capital project).
-- Incremental by month: a run appends the months from incremental_recompute_month() on; closed
-- months are read, not rebuilt (the engine's months do not depend on the close period, FA-019).
{{ infra_accounting.incremental_by_period_month() }}

with
computed_entries as (
    select * from {{ ref('int_asset_ledger_entries_computed') }}
    {{ infra_accounting.recomputed_months_filter('cast(period_month as date)') }}
),

assets as (select * from {{ ref('int_fixed_assets_classified') }}),

entries_in_money as (
    select
        computed_entries.asset_id,
        computed_entries.event_id,
        case
            when computed_entries.entry_type = 'in_service' and assets.project_id is not null then 'cip_transfer_in'
            when computed_entries.entry_type = 'in_service' then 'addition'
            else computed_entries.entry_type
        end as entry_type,
        cast(computed_entries.period_month as date) as period_month,
        computed_entries.subsidiary_id,
        computed_entries.currency_code,
        assets.asset_class_code,
        assets.project_id,
        cast(cast(computed_entries.depreciation_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as depreciation_amount,
        cast(cast(computed_entries.cost_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as cost_change_amount,
        cast(cast(computed_entries.accumulated_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as accumulated_depreciation_change_amount,
        cast(cast(computed_entries.proceeds_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as proceeds_amount
    from computed_entries
    inner join assets on computed_entries.asset_id = assets.asset_id
),

final as (select * from entries_in_money)

select * from final
