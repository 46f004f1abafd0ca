{{ config(severity='error', meta={
    'control_area': 'fixed_assets',
    'control': 'No asset is depreciated below its salvage value, and every asset at the end of its life is depreciated exactly to salvage',
}) }}
-- Assets without basis-changing events: net book value never below salvage while held, and
-- equal to salvage in the last month of the useful life. Over the months this run wrote
-- (every month after a first build or a full refresh): a kept month was checked by the close
-- that wrote it (DECISIONLOG D-007).
with
schedule as (
    select * from {{ ref('fct_asset_depreciation') }}
    where period_month >= {{ infra_accounting.first_month_written_by('fct_asset_depreciation') }}
),

assets as (select * from {{ ref('int_fixed_assets_classified') }}),

events as (select * from {{ ref('int_fixed_asset_events_validated') }}),

assets_without_events as (
    select assets.*
    from assets
    where not exists (
            select 1 from events
            where events.asset_id = assets.asset_id and events.is_bookable
        )
),

-- each asset's last month and number of months, over its whole schedule (the months before
-- the ones written count too): a group-by, not two windows
schedule_lengths as (
    select
        asset_id,
        max(period_month) as last_period_month,
        count(*) as schedule_months
    from {{ ref('fct_asset_depreciation') }}
    group by asset_id
),

checked as (
    select
        schedule.asset_id,
        schedule.period_month,
        schedule.net_book_value_amount,
        assets_without_events.salvage_amount,
        schedule.period_month = schedule_lengths.last_period_month as is_last_row,
        schedule_lengths.schedule_months,
        assets_without_events.useful_life_months,
        assets_without_events.convention
    from schedule
    inner join assets_without_events on schedule.asset_id = assets_without_events.asset_id
    inner join schedule_lengths on schedule.asset_id = schedule_lengths.asset_id
    where assets_without_events.depreciation_method <> 'none'
)

select *
from checked
where net_book_value_amount < salvage_amount
    or (
        is_last_row
        and convention in ('full_month', 'next_month')
        and schedule_months = useful_life_months
        and net_book_value_amount <> salvage_amount
    )
