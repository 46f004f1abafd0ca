-- One row per entity, asset class and month from the first month with assets to the close
-- period: the fixed-asset roll-forward (cost, accumulated depreciation, net book value) in
-- the entity's functional currency; the sum of rpt_fixed_asset_rollforward_detail.
-- Incremental by month like its detail: a run recomputes the months from
-- incremental_recompute_month() on; closed months are read, not rebuilt.
{{ infra_accounting.incremental_by_period_month() }}

with
rollforward_detail as (
    select * from {{ ref('rpt_fixed_asset_rollforward_detail') }}
    {{ infra_accounting.recomputed_months_filter() }}
),

final as (
    select
        subsidiary_id,
        asset_class_code,
        period_month,
        currency_code,
        cast(count(*) as integer) as asset_count,
        cast(sum(cost_opening_amount) as decimal(18, 2)) as cost_opening_amount,
        cast(sum(cost_additions_amount) as decimal(18, 2)) as cost_additions_amount,
        cast(sum(cost_cip_transfers_in_amount) as decimal(18, 2)) as cost_cip_transfers_in_amount,
        cast(sum(cost_adjustments_amount) as decimal(18, 2)) as cost_adjustments_amount,
        cast(sum(cost_transfers_amount) as decimal(18, 2)) as cost_transfers_amount,
        cast(sum(cost_disposals_amount) as decimal(18, 2)) as cost_disposals_amount,
        cast(sum(cost_impairments_amount) as decimal(18, 2)) as cost_impairments_amount,
        cast(sum(cost_closing_amount) as decimal(18, 2)) as cost_closing_amount,
        cast(sum(accumulated_depreciation_opening_amount) as decimal(18, 2)) as accumulated_depreciation_opening_amount,
        cast(sum(depreciation_amount) as decimal(18, 2)) as depreciation_amount,
        cast(sum(accumulated_depreciation_disposals_amount) as decimal(18, 2)) as accumulated_depreciation_disposals_amount,
        cast(sum(accumulated_depreciation_transfers_amount) as decimal(18, 2)) as accumulated_depreciation_transfers_amount,
        cast(sum(accumulated_depreciation_closing_amount) as decimal(18, 2)) as accumulated_depreciation_closing_amount,
        cast(sum(net_book_value_opening_amount) as decimal(18, 2)) as net_book_value_opening_amount,
        cast(sum(net_book_value_closing_amount) as decimal(18, 2)) as net_book_value_closing_amount
    from rollforward_detail
    group by subsidiary_id, asset_class_code, period_month, currency_code
)

select * from final
