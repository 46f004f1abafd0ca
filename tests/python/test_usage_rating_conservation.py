"""Control usage_records_conserved_through_rating (DECISIONLOG R-011, D-007).

Per month consumed, the staged usage records must equal the rated records plus the unrated
ones: a record rated twice (matched to two contracts) or lost fails the close. The control
replaces the rated records' key test, so it must fail when the rating totals do not account
for the staged records - shown here by running it on a copy of the demo warehouse whose
rated totals were tampered with. Run alone (`dbt test`), it covers every month."""

from __future__ import annotations

import shutil
import subprocess

import duckdb

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun
from tests.python.conftest import DEMO_CLOSE_PERIOD, BuiltWarehouse

CONTROL = "usage_records_conserved_through_rating"


def test_the_demo_close_passes_the_control(demo_warehouse):
    assert demo_warehouse.scalar(f"select status from marts.rpt_close_controls where control_name = '{CONTROL}'") == "pass"


def test_a_record_counted_twice_in_an_old_month_fails_the_control(demo_warehouse, tmp_path):
    copy = BuiltWarehouse(path=tmp_path / "warehouse.duckdb", target_path=tmp_path / "target", exit_code=0)
    shutil.copy(demo_warehouse.path, copy.path)
    with duckdb.connect(str(copy.path)) as connection:
        month, contract_id, sku, billing_month = connection.execute(
            "select usage_month, contract_id, sku, billing_month from intermediate.int_usage_records_summed"
            " order by usage_month, contract_id, sku, billing_month limit 1"
        ).fetchone()
        # a record matched to two contracts: rated once more than it was staged
        connection.execute(
            "update intermediate.int_usage_records_summed set usage_record_count = usage_record_count + 1"
            " where usage_month = ? and contract_id = ? and sku = ? and billing_month = ?",
            [month, contract_id, sku, billing_month],
        )

    run = DbtRun(command="test", close_period=DEMO_CLOSE_PERIOD, target="ci", select=CONTROL, target_path=str(copy.target_path))
    completed = subprocess.run(
        run.argv(),
        cwd=PROJECT_ROOT,
        env=run.environment(INFRA_WAREHOUSE_PATH=str(copy.path), DBT_LOG_PATH=str(tmp_path / "logs")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0, completed.stdout[-2000:]
    assert f"FAIL 1 {CONTROL}" in completed.stdout
    [(failed_month, difference)] = copy.query(
        f"select usage_month, record_count_difference from control_failures.{CONTROL}"
    )
    # the oldest month: `dbt test` alone logged no month written, so the control covered every month
    assert failed_month == month and difference == 1
