"""Control assert_depreciation_stops_at_salvage (docs/fixed_assets.md, ASC 360-10-35-4).

For an asset without basis-changing events, the net book value is never below the salvage
value, and in the last month of a life depreciated in whole months it is exactly the salvage
value. The demo close passes it; a copy of the demo warehouse with one schedule row planted
below salvage, or with an asset whose life ends in its last schedule month short of salvage,
fails it with that row - so the control can fail, and says which asset and month."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from tests.python.conftest import failing_rows_of_control, writable_copy

CONTROL = "assert_depreciation_stops_at_salvage"
CENT = Decimal("0.01")

# an event-free asset depreciated in whole months, with more than one schedule month
EVENT_FREE_FULL_MONTH_ASSET = """
    select assets.asset_id, max(schedule.period_month), count(*), min(schedule.period_month), any_value(assets.salvage_amount)
    from intermediate.int_fixed_assets_classified as assets
    inner join marts.fct_asset_depreciation as schedule on assets.asset_id = schedule.asset_id
    where
        assets.convention = 'full_month'
        and assets.depreciation_method = 'straight_line'
        and not exists (
            select 1 from intermediate.int_fixed_asset_events_validated as events
            where events.asset_id = assets.asset_id and events.is_bookable
        )
    group by assets.asset_id
    having count(*) > 1
    order by assets.asset_id
    limit 1
"""


def test_the_demo_close_passes_the_control(demo_warehouse):
    assert demo_warehouse.scalar(f"select status from marts.rpt_close_controls where control_name = '{CONTROL}'") == "pass"


def _planted_copy(demo_warehouse, tmp_path, plant):
    """A copy of the demo warehouse with `plant(connection, asset_id, last_month, months,
    first_month, salvage)` run on it for the asset of EVENT_FREE_FULL_MONTH_ASSET; returns the
    copy and that asset's row."""
    copy = writable_copy(demo_warehouse, tmp_path)
    with duckdb.connect(str(copy.path)) as connection:
        asset = connection.execute(EVENT_FREE_FULL_MONTH_ASSET).fetchone()
        plant(connection, *asset)
    return copy, asset


def _first_month_a_cent_below_salvage(connection, asset_id, _last_month, _months, first_month, salvage):
    connection.execute(
        "update marts.fct_asset_depreciation set net_book_value_amount = ? where asset_id = ? and period_month = ?",
        [salvage - CENT, asset_id, first_month],
    )


def _life_as_long_as_the_schedule(connection, asset_id, _last_month, months, _first_month, _salvage):
    # its last month must then be at salvage, and is not
    connection.execute(
        "update intermediate.int_fixed_assets_classified set useful_life_months = ? where asset_id = ?", [months, asset_id]
    )


def test_a_month_below_salvage_fails_the_control_with_that_month(demo_warehouse, tmp_path):
    copy, (asset_id, _last_month, _months, first_month, salvage) = _planted_copy(
        demo_warehouse, tmp_path, _first_month_a_cent_below_salvage
    )
    assert failing_rows_of_control(copy, CONTROL, "asset_id, period_month, net_book_value_amount", tmp_path) == [
        (asset_id, first_month, salvage - CENT)
    ]


def test_a_life_ending_short_of_salvage_fails_the_control_with_its_last_month(demo_warehouse, tmp_path):
    copy, (asset_id, last_month, months, _first_month, salvage) = _planted_copy(
        demo_warehouse, tmp_path, _life_as_long_as_the_schedule
    )
    last_net_book_value = copy.scalar(
        "select net_book_value_amount from marts.fct_asset_depreciation where asset_id = ? and period_month = ?",
        [asset_id, last_month],
    )
    assert last_net_book_value > salvage
    assert failing_rows_of_control(copy, CONTROL, "asset_id, period_month, is_last_row, schedule_months", tmp_path) == [
        (asset_id, last_month, True, months)
    ]
