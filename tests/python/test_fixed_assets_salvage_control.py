"""Control assert_depreciation_stops_at_salvage (docs/fixed_assets.md, ASC 360-10-35-4).

For an asset without basis-changing events, the net book value is never below the salvage
value, and in the last month of a life depreciated in whole months it is exactly the salvage
value. The demo close passes it; a copy of the demo warehouse with one schedule row planted
below salvage, or with an asset whose life ends in its last schedule month short of salvage,
fails it with that row - so the control can fail, and says which asset and month."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import duckdb

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun
from tests.python.conftest import DEMO_CLOSE_PERIOD, BuiltWarehouse

CONTROL = "assert_depreciation_stops_at_salvage"

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


def _copy(demo_warehouse: BuiltWarehouse, tmp_path) -> BuiltWarehouse:
    copy = BuiltWarehouse(path=tmp_path / "warehouse.duckdb", target_path=tmp_path / "target", exit_code=0)
    shutil.copy(demo_warehouse.path, copy.path)
    return copy


def _run_control(copy: BuiltWarehouse, tmp_path) -> subprocess.CompletedProcess:
    run = DbtRun(command="test", close_period=DEMO_CLOSE_PERIOD, target="ci", select=CONTROL, target_path=str(copy.target_path))
    return subprocess.run(
        run.argv(),
        cwd=PROJECT_ROOT,
        env=run.environment(INFRA_WAREHOUSE_PATH=str(copy.path), DBT_LOG_PATH=str(tmp_path / "logs")),
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_demo_close_passes_the_control(demo_warehouse):
    assert demo_warehouse.scalar(f"select status from marts.rpt_close_controls where control_name = '{CONTROL}'") == "pass"


def test_a_month_below_salvage_fails_the_control_with_that_month(demo_warehouse, tmp_path):
    copy = _copy(demo_warehouse, tmp_path)
    with duckdb.connect(str(copy.path)) as connection:
        asset_id, _last_month, _months, first_month, salvage = connection.execute(EVENT_FREE_FULL_MONTH_ASSET).fetchone()
        # the asset's first month, one cent under its salvage value
        connection.execute(
            "update marts.fct_asset_depreciation set net_book_value_amount = ? where asset_id = ? and period_month = ?",
            [salvage - Decimal("0.01"), asset_id, first_month],
        )

    completed = _run_control(copy, tmp_path)
    assert completed.returncode != 0, completed.stdout[-2000:]
    assert f"FAIL 1 {CONTROL}" in completed.stdout
    assert copy.query(f"select asset_id, period_month, net_book_value_amount from control_failures.{CONTROL}") == [
        (asset_id, first_month, salvage - Decimal("0.01"))
    ]


def test_a_life_ending_short_of_salvage_fails_the_control_with_its_last_month(demo_warehouse, tmp_path):
    copy = _copy(demo_warehouse, tmp_path)
    with duckdb.connect(str(copy.path)) as connection:
        asset_id, last_month, months, _first_month, salvage = connection.execute(EVENT_FREE_FULL_MONTH_ASSET).fetchone()
        # a life as long as the schedule: its last month must then be at salvage, and is not
        connection.execute(
            "update intermediate.int_fixed_assets_classified set useful_life_months = ? where asset_id = ?",
            [months, asset_id],
        )
        last_net_book_value = connection.execute(
            "select net_book_value_amount from marts.fct_asset_depreciation where asset_id = ? and period_month = ?",
            [asset_id, last_month],
        ).fetchone()[0]
    assert last_net_book_value > salvage

    completed = _run_control(copy, tmp_path)
    assert completed.returncode != 0, completed.stdout[-2000:]
    assert f"FAIL 1 {CONTROL}" in completed.stdout
    assert copy.query(f"select asset_id, period_month, is_last_row, schedule_months from control_failures.{CONTROL}") == [
        (asset_id, last_month, True, months)
    ]
