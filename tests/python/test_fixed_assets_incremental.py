"""Incremental close of the fixed-asset schedules (issue #8).

The demo closed for September 2026 and then, in the same warehouse, for October 2026 (the
schedules incremental by month: October and the lookback months recomputed, earlier months
read from the tables) must equal the full build closed for October, row for row, for every
fixed-asset mart and the subledger's journal lines.
"""

from __future__ import annotations

import json

import duckdb
import pytest

from tests.python.conftest import build_warehouse

FIXED_ASSET_MARTS = [
    "intermediate.int_asset_ledger_entries",
    "intermediate.int_fixed_asset_journal_lines",
    "marts.fct_asset_depreciation",
    "marts.rpt_fixed_asset_rollforward_detail",
    "marts.rpt_fixed_asset_rollforward",
    "marts.rpt_cip_rollforward",
    "marts.rpt_cip_aging",
    "marts.rpt_property_tax",
    "marts.rpt_assets_expensed_below_threshold",
]

# the SQL models incremental by month (the engine's Python model is checked on its own below)
INCREMENTAL_MODELS = [
    "intermediate.int_fixed_asset_journal_lines",
    "marts.fct_asset_depreciation",
    "marts.rpt_fixed_asset_rollforward_detail",
    "marts.rpt_fixed_asset_rollforward",
]

SELECTION = " ".join("+" + name.split(".")[1] for name in FIXED_ASSET_MARTS)


@pytest.fixture(scope="module")
def incremental_warehouse(tmp_path_factory):
    directory = tmp_path_factory.mktemp("fa_incremental")
    september = build_warehouse(directory, select=SELECTION, close_period="2026-09")
    assert september.exit_code == 0, "the September close failed"
    with duckdb.connect(str(september.path), read_only=True) as connection:
        september_months = {
            name: connection.execute(f"select max(period_month) from {name}").fetchall()[0][0]
            for name in INCREMENTAL_MODELS + ["intermediate.int_asset_ledger_entries"]
        }
    october = build_warehouse(directory, select=SELECTION, close_period="2026-10")
    assert october.exit_code == 0, "the incremental October close failed"
    return october, september_months


def _rows(path, relation):
    with duckdb.connect(str(path), read_only=True) as connection:
        columns = [row[0] for row in connection.execute(f"describe {relation}").fetchall()]
        ordered = ", ".join(f'"{column}"' for column in sorted(columns))
        return connection.execute(f"select {ordered} from {relation} order by all").fetchall()


def test_september_close_stops_at_september(incremental_warehouse):
    _, september_months = incremental_warehouse
    assert all(str(month) == "2026-09-01" for month in september_months.values()), september_months


@pytest.mark.parametrize("relation", INCREMENTAL_MODELS)
def test_october_recomputed_only_the_open_months(incremental_warehouse, relation):
    """The October run compiled the incremental branch (months from the recompute month on,
    read back from the model's own table) and the table now ends at October."""
    october, _ = incremental_warehouse
    name = relation.split(".")[1]
    compiled = next(october.target_path.glob(f"compiled/**/{name}.sql")).read_text()
    assert "least(" in compiled and f'"{name}"' in compiled
    with duckdb.connect(str(october.path), read_only=True) as connection:
        assert connection.execute(f"select max(period_month) from {relation}").fetchall()[0][0].isoformat() == "2026-10-01"


def test_engine_appended_only_the_open_months(incremental_warehouse):
    """The depreciation engine ran incrementally in October: its pre-hook deleted the months from
    the recompute month on (committed before the engine read the table), and the engine appended
    the months after the last one kept; the equality below shows nothing is missing or doubled."""
    october, september_months = incremental_warehouse
    compiled = next(october.target_path.glob("compiled/**/int_asset_ledger_entries.py")).read_text()
    assert "self.is_incremental = True" in compiled
    # the run appended the engine's rows to the kept table rather than rebuilding it
    executed = next(october.target_path.glob("run/**/int_asset_ledger_entries.py")).read_text()
    assert 'insert into "warehouse"."intermediate"."int_asset_ledger_entries"' in executed
    with duckdb.connect(str(october.path), read_only=True) as connection:
        last_month = connection.execute("select max(period_month) from intermediate.int_asset_ledger_entries").fetchall()[0][0]
    assert str(september_months["intermediate.int_asset_ledger_entries"]) == "2026-09-01"
    assert last_month.isoformat() == "2026-10-01"


@pytest.mark.parametrize("relation", FIXED_ASSET_MARTS)
def test_incremental_october_equals_full_october(incremental_warehouse, demo_warehouse, relation):
    october, _ = incremental_warehouse
    incremental_rows = _rows(october.path, relation)
    full_rows = _rows(demo_warehouse.path, relation)
    assert len(incremental_rows) == len(full_rows)
    assert incremental_rows == full_rows


def test_october_controls_covered_the_recomputed_months(incremental_warehouse):
    """The detail roll-forward's controls read the months the October run wrote (logged by the
    model's pre-hook: from September, the lookback month) - the roll-forward ties one month
    earlier, so the kept August closing is tied to September's opening - not the whole history
    again (DECISIONLOG D-007)."""
    october, _ = incremental_warehouse
    assert _first_month_written(october, "rpt_fixed_asset_rollforward_detail") == "2026-09-01"
    compiled = {
        name: code
        for name, (_, code) in _test_results(october).items()
        if "rpt_fixed_asset_rollforward_detail" in name
    }
    ties = [code for name, code in compiled.items() if name.startswith("rollforward_ties_rpt_fixed_asset_rollforward_detail")]
    assert len(ties) == 3
    assert all("where period_month >= date '2026-08-01'" in code for code in ties)
    [key] = [code for name, code in compiled.items() if name.startswith("unique_combination_of_columns_rpt_fixed_asset")]
    assert "where period_month >= date '2026-09-01'" in key


def test_october_salvage_control_read_the_months_the_schedule_wrote(incremental_warehouse):
    """The salvage control (no month below salvage, the life's last month at salvage) checks
    the schedule months the October run wrote, from September, not the whole history again; the
    schedule's length per asset still counts every month (DECISIONLOG D-007)."""
    october, _ = incremental_warehouse
    assert _first_month_written(october, "fct_asset_depreciation") == "2026-09-01"
    status, code = _test_results(october)["assert_depreciation_stops_at_salvage"]
    assert status == "pass"
    assert "where period_month >= date '2026-09-01'" in code


def _first_month_written(warehouse, model_name):
    """The first month the model wrote in the warehouse's last run (close_log, D-007)."""
    written = warehouse.scalar(
        "select first_month_written from close_log.model_months_written"
        " where model_name = ? order by recorded_at desc limit 1",
        [model_name],
    )
    return str(written)


def _test_results(warehouse):
    """The data tests of the warehouse's last run: {test name: (status, compiled SQL)}."""
    results = json.loads((warehouse.target_path / "run_results.json").read_text(encoding="utf-8"))
    return {
        result["unique_id"].split(".")[2]: (result["status"], result["compiled_code"])
        for result in results["results"]
        if result["unique_id"].startswith("test.")
    }
