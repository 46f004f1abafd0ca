"""The demo close builds, every control passes, and the shared models are right."""

import datetime
import json

from infra_accounting.contract import load_contract


def test_demo_close_builds_with_every_control_passing(demo_warehouse):
    results = json.loads((demo_warehouse.target_path / "run_results.json").read_text())["results"]
    failed = [(result["unique_id"], result["status"], result.get("message")) for result in results
              if result["status"] in ("error", "fail", "skipped")]
    assert failed == []
    assert demo_warehouse.exit_code == 0


def test_failing_rows_are_stored_for_exactly_the_controls_that_found_some(demo_warehouse):
    """control_failures holds one table per control with exceptions (the demo plants warnings),
    its rows the ones the control counted, and no table for a control that passed."""
    results = json.loads((demo_warehouse.target_path / "run_results.json").read_text())["results"]
    with_exceptions = [result for result in results if result["unique_id"].startswith("test.") and result["failures"]]
    assert with_exceptions, "the demo close plants warnings: some control must find exceptions"
    stored = {
        name: demo_warehouse.scalar(f'select count(*) from control_failures."{name}"')
        for (name,) in demo_warehouse.query(
            "select table_name from information_schema.tables where table_schema = 'control_failures'"
        )
    }
    for result in with_exceptions:
        # the table is named after the test's alias (dbt shortens long names): the relation's last part
        table = result["relation_name"].split(".")[-1].strip('"')
        assert stored.get(table) == int(result["failures"]), (result["unique_id"], table, stored.get(table))
    assert len(stored) == len(with_exceptions)


def test_every_extract_row_is_staged(demo_warehouse):
    rows = demo_warehouse.query(
        "select extract_name, raw_row_count, staged_row_count, exception_row_count from staging.stg_extract_row_conservation"
    )
    assert {row[0] for row in rows} == set(load_contract())
    for extract_name, raw_count, staged_count, exception_count in rows:
        assert raw_count > 0, f"{extract_name} is empty in the demo"
        assert (staged_count, exception_count) == (raw_count, 0), extract_name


def test_dim_periods_calendar(demo_warehouse):
    rows = demo_warehouse.query(
        "select period_id, fiscal_year, fiscal_quarter, is_closed, is_close_period from marts.dim_periods"
        " where period_id in ('2025-01', '2026-09', '2026-10', '2026-11') order by period_id"
    )
    assert rows == [
        ("2025-01", 2025, 1, True, False),
        ("2026-09", 2026, 3, True, False),
        ("2026-10", 2026, 4, False, True),
        ("2026-11", 2026, 4, False, False),
    ]
    first, last = demo_warehouse.query("select min(period_month), max(period_month) from marts.dim_periods")[0]
    assert first == datetime.date(2025, 1, 1)
    assert last == datetime.date(2041, 10, 1)  # the close month plus calendar_months_after_close (180)


def test_fx_rates_cover_every_month_to_the_close(demo_warehouse):
    missing = demo_warehouse.scalar(
        "select count(*) from marts.dim_periods as periods"
        " cross join (select distinct from_currency, to_currency from marts.dim_fx_rates_monthly) as pairs"
        " left join marts.dim_fx_rates_monthly as rates using (period_month, from_currency, to_currency)"
        " where periods.period_month <= date '2026-10-01' and rates.average_rate is null"
    )
    assert missing == 0
    identity = demo_warehouse.scalar(
        "select count(*) from marts.dim_fx_rates_monthly where from_currency = to_currency"
        " and (average_rate <> 1 or period_end_rate <> 1)"
    )
    assert identity == 0


def test_no_float_columns_in_the_warehouse(demo_warehouse):
    floats = demo_warehouse.query(
        "select table_schema || '.' || table_name || '.' || column_name from information_schema.columns"
        " where table_schema in ('staging', 'intermediate', 'marts') and data_type in ('DOUBLE', 'FLOAT', 'REAL')"
    )
    assert floats == []


def test_every_model_and_column_is_documented(demo_warehouse):
    manifest = json.loads((demo_warehouse.target_path / "manifest.json").read_text())
    undocumented = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        if not node.get("description", "").strip():
            undocumented.append(node["name"])
        actual_columns = {
            row[0]
            for row in demo_warehouse.query(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [node["schema"], node["alias"]],
            )
        }
        documented = {name for name, column in node["columns"].items() if column.get("description", "").strip()}
        undocumented += [f"{node['name']}.{column}" for column in sorted(actual_columns - documented)]
    assert undocumented == []
