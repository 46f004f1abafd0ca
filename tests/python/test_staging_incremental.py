"""Incremental staging gives the same tables as a full build (docs/extracts.md, DECISIONLOG D-007).

The checked models of the extracts whose contract names an incremental_month_column are
incremental by month: closing 2026-10 after 2026-09 re-reads only the months from the
close period minus the lookback on. The result must be the full build's, row for row.
"""

import json

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


def test_incremental_close_of_the_next_month_equals_a_full_build(tmp_path, project_root):
    incremental_extracts = [spec for spec in load_contract().values() if spec.incremental_month_column]
    assert incremental_extracts, "no extract is incremental: nothing to test"
    extracts = _parquet_extracts(project_root, tmp_path / "extracts")

    def build(directory, close_period):
        return build_warehouse(
            directory, extracts_dir=extracts, extracts_format="parquet", select="staging", close_period=close_period
        )

    rolling = tmp_path / "rolling"
    assert build(rolling, "2026-09").exit_code == 0
    next_month = build(rolling, "2026-10")
    assert next_month.exit_code == 0
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
