"""Incremental staging gives the same tables as a full build (docs/extracts.md, DECISIONLOG D-007).

The checked models of the extracts whose contract names an incremental_month_column are
incremental by month: closing 2026-10 after 2026-09 re-reads only the months from the
close period minus the lookback on - or, for the usage feed (incremental_received_column),
October and every record received from October 1. The result must be the full build's, row
for row.
"""

import json
import re

import duckdb

from infra_accounting.contract import load_contract
from tests.python.conftest import build_warehouse


def _staging_relations(path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return [
            row[0]
            for row in connection.execute(
                "select table_name from information_schema.tables where table_schema = 'staging' order by 1"
            ).fetchall()
        ]


def _parquet_extracts(project_root, directory):
    """The demo extracts as parquet files (text columns), the path the large presets use."""
    with duckdb.connect() as connection:
        for spec in load_contract().values():
            (directory / spec.source).mkdir(parents=True, exist_ok=True)
            source = project_root / "seeds" / spec.source / f"{spec.name}.csv"
            target = directory / spec.source / f"{spec.name}.parquet"
            connection.execute(
                f"copy (select * from read_csv('{source}', all_varchar = true, header = true))"
                f" to '{target}' (format parquet)"
            )
    return directory


def _key_test_months(build_result, incremental_extracts) -> set[str]:
    """The first month each key test of the incremental extracts read in this build, from its compiled SQL."""
    results = json.loads((build_result.target_path / "run_results.json").read_text(encoding="utf-8"))
    staged_models = {spec.staging_model for spec in incremental_extracts}
    months = set()
    for result in results["results"]:
        name = result["unique_id"].split(".")[2]
        if not result["unique_id"].startswith("test.") or not name.startswith(("primary_key_", "unique_", "not_null_")):
            continue
        if not any(f"_{model}_" in f"_{name}_" for model in staged_models):
            continue
        found = re.findall(r">= date '(\d{4}-\d{2}-\d{2})'", result["compiled_code"])
        assert found, f"{name} has no month filter: {result['compiled_code'][-400:]}"
        months.update(found)
    assert months, "no key test of an incremental extract ran"
    return months


def test_incremental_close_of_the_next_month_equals_a_full_build(tmp_path, project_root):
    incremental_extracts = [spec for spec in load_contract().values() if spec.incremental_month_column]
    assert incremental_extracts, "no extract is incremental: nothing to test"
    extracts = _parquet_extracts(project_root, tmp_path / "extracts")

    def build(directory, close_period):
        return build_warehouse(
            directory, extracts_dir=extracts, extracts_format="parquet", select="staging", close_period=close_period
        )

    rolling = tmp_path / "rolling"
    first = build(rolling, "2026-09")
    assert first.exit_code == 0
    # A first build wrote every month, so the key tests of the incremental extracts covered every month.
    assert _key_test_months(first, incremental_extracts) == {"0001-01-01"}
    next_month = build(rolling, "2026-10")
    assert next_month.exit_code == 0
    # The incremental run wrote the months from 2026-09 (October less the lookback), the usage feed
    # from October (and the records received from October 1), and logged them; its key tests
    # covered those months (DECISIONLOG D-007).
    assert _key_test_months(next_month, incremental_extracts) == {"2026-09-01", "2026-10-01"}
    logged = next_month.query(
        "select model_name, first_month_written from close_log.model_months_written"
        " where invocation_id = (select invocation_id from close_log.model_months_written order by recorded_at desc limit 1)"
    )
    assert {name: str(month) for name, month in logged} == {
        spec.checked_model: "2026-10-01" if spec.incremental_received_column else "2026-09-01" for spec in incremental_extracts
    }
    full = build(tmp_path / "full", "2026-10")
    assert full.exit_code == 0

    # The second run really was incremental: it read only the rows of the months from the close less the lookback.
    results = json.loads((next_month.target_path / "run_results.json").read_text(encoding="utf-8"))
    compiled = {result["unique_id"].split(".")[-1]: result.get("compiled_code") or "" for result in results["results"]}
    for spec in incremental_extracts:
        assert "incremental run: re-reads the months from" in compiled[spec.checked_model], spec.checked_model

    relations = _staging_relations(full.path)
    assert relations == _staging_relations(next_month.path)
    assert "stg_extract_exceptions" in relations
    with duckdb.connect() as connection:
        connection.execute(f"attach '{next_month.path}' as rolling (read_only)")
        connection.execute(f"attach '{full.path}' as full_build (read_only)")
        for relation in relations:
            counts = connection.execute(
                f"select (select count(*) from rolling.staging.{relation}), (select count(*) from full_build.staging.{relation})"
            ).fetchone()
            assert counts[0] == counts[1], f"{relation}: {counts[0]} rows incrementally, {counts[1]} in a full build"
            different = connection.execute(
                f"select count(*) from ((select * from rolling.staging.{relation} except all"
                f" select * from full_build.staging.{relation}) union all (select * from full_build.staging.{relation}"
                f" except all select * from rolling.staging.{relation}))"
            ).fetchone()[0]
            assert different == 0, f"{relation}: {different} rows differ between the incremental and the full build"
        usage_rows = connection.execute("select count(*) from rolling.staging.stg_metering__usage_checked").fetchone()[0]
    assert usage_rows > 0


def test_a_key_already_staged_in_a_closed_month_is_set_aside_when_delivered_again(tmp_path, project_root):
    """An incremental run re-reads only the open months, so it must also compare their keys with the
    closed months it keeps: a September usage record delivered again with an October date (same
    usage_id) is set aside with a reason, and the staged usage keeps one row per usage_id."""
    extracts = _parquet_extracts(project_root, tmp_path / "extracts")
    warehouse = tmp_path / "rolling"

    def build(close_period, select="staging"):
        return build_warehouse(
            warehouse, extracts_dir=extracts, extracts_format="parquet", select=select, close_period=close_period
        )

    # close August (October's close then re-reads October and the records received from October 1; August is kept)
    assert build("2026-08").exit_code == 0
    usage_file = extracts / "metering" / "usage.parquet"
    with duckdb.connect() as connection:
        closed_id = connection.execute(
            f"select usage_id from '{usage_file}' where usage_date like '2026-08-%' order by usage_id limit 1"
        ).fetchone()[0]
        redelivered = tmp_path / "usage_redelivered.parquet"
        connection.execute(
            f"copy (select * from '{usage_file}' union all select usage_id, customer_id, sku, location_id,"
            f" '2026-10-07' as usage_date, quantity, '2026-10-08' as received_date from '{usage_file}'"
            f" where usage_id = '{closed_id}') to '{redelivered}' (format parquet)"
        )
    redelivered.replace(usage_file)

    october = build("2026-10")
    # the row is set aside as an error of the extract: reported, not lost, and the control stops the close
    assert october.exit_code != 0
    rows = october.query(
        f"select usage_date, exception_severity, exception_reason from staging.stg_metering__usage_checked"
        f" where usage_id = '{closed_id}' order by usage_date"
    )
    assert len(rows) == 2
    (kept_date, kept_severity, _), (new_date, new_severity, reason) = rows
    assert str(kept_date).startswith("2026-08") and kept_severity is None
    assert str(new_date) == "2026-10-07" and new_severity == "error"
    assert "already read in a closed month" in reason and f"usage_id={closed_id}" in reason
    assert october.scalar(f"select count(*) from staging.stg_metering__usage where usage_id = '{closed_id}'") == 1
    assert october.scalar(
        f"select count(*) from staging.stg_extract_exceptions where extract_name = 'metering/usage'"
        f" and exception_reason like '%already read in a closed month%'"
    ) == 1


def test_a_reread_month_the_extract_no_longer_holds_is_emptied(tmp_path, project_root):
    """An incremental run replaces the months it re-reads with what the extract holds now: when a
    corrected extract no longer holds October's usage, the October close (which re-reads its own
    month) leaves none of it staged, and keeps September as it was."""
    extracts = _parquet_extracts(project_root, tmp_path / "extracts")
    warehouse = tmp_path / "rolling"

    def build():
        return build_warehouse(warehouse, extracts_dir=extracts, extracts_format="parquet", select="staging", close_period="2026-10")

    first = build()
    assert first.exit_code == 0
    usage_in = "select count(*) from staging.stg_metering__usage_checked where usage_date >= date '{}' and usage_date < date '{}'"
    september_rows = first.scalar(usage_in.format("2026-09-01", "2026-10-01"))
    assert september_rows > 0 and first.scalar(usage_in.format("2026-10-01", "2026-11-01")) > 0

    usage_file = extracts / "metering" / "usage.parquet"
    corrected = tmp_path / "usage_without_october.parquet"
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * from '{usage_file}' where usage_date not like '2026-10-%') to '{corrected}' (format parquet)"
        )
    corrected.replace(usage_file)

    again = build()
    assert again.exit_code == 0
    assert "incremental run: re-reads the months from" in (
        again.target_path / "compiled" / "infra_accounting" / "models" / "staging" / "metering" / "stg_metering__usage_checked.sql"
    ).read_text(encoding="utf-8")
    assert again.scalar(usage_in.format("2026-10-01", "2026-11-01")) == 0
    assert again.scalar(usage_in.format("2026-09-01", "2026-10-01")) == september_rows


def test_a_late_record_of_any_earlier_month_is_staged_by_the_close_it_is_delivered_to(tmp_path, project_root):
    """The usage feed is re-read by delivery (incremental_received_column, DECISIONLOG D-007): an
    August record received on 2 October, two months late, is staged by the October close, which
    re-reads October and every record received from October 1 - as a full build stages it - while
    the August records delivered in August and September are kept, not read again."""
    extracts = _parquet_extracts(project_root, tmp_path / "extracts")
    warehouse = tmp_path / "rolling"

    def build(directory, close_period):
        return build_warehouse(
            directory, extracts_dir=extracts, extracts_format="parquet", select="staging", close_period=close_period
        )

    assert build(warehouse, "2026-09").exit_code == 0
    usage_file = extracts / "metering" / "usage.parquet"
    late_file = tmp_path / "usage_with_late_august.parquet"
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * from '{usage_file}' union all (select 'U-LATE-AUGUST' as usage_id, customer_id, sku, location_id,"
            f" '2026-08-20' as usage_date, quantity, '2026-10-02' as received_date from '{usage_file}'"
            f" where usage_date like '2026-08-%' order by usage_id limit 1)) to '{late_file}' (format parquet)"
        )
    late_file.replace(usage_file)

    october = build(warehouse, "2026-10")
    assert october.exit_code == 0
    staged = october.query(
        "select cast(usage_date as varchar), cast(received_date as varchar), exception_severity"
        " from staging.stg_metering__usage_checked where usage_id = 'U-LATE-AUGUST'"
    )
    assert staged == [("2026-08-20", "2026-10-02", None)]
    # the months delivered before October were not read again: the run wrote from October
    assert october.scalar(
        "select cast(first_month_written as varchar) from close_log.model_months_written"
        " where model_name = 'stg_metering__usage_checked' order by recorded_at desc limit 1"
    ) == "2026-10-01"
    full = build(tmp_path / "full", "2026-10")
    assert full.exit_code == 0
    usage_rows = "select usage_id, usage_date, quantity, received_date, exception_severity from staging.stg_metering__usage_checked"
    assert sorted(october.query(usage_rows)) == sorted(full.query(usage_rows))
