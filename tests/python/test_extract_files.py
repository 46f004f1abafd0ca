"""Staging reads a directory of extract files (CSV or Parquet) exactly as it reads the seeds."""

import duckdb

from infra_accounting.contract import load_contract
from tests.python.conftest import build_warehouse


def test_parquet_extracts_stage_like_the_seeds(tmp_path, project_root, demo_warehouse):
    extracts = tmp_path / "extracts"
    with duckdb.connect() as connection:
        for spec in load_contract().values():
            (extracts / spec.source).mkdir(parents=True, exist_ok=True)
            source = project_root / "seeds" / spec.source / f"{spec.name}.csv"
            target = extracts / spec.source / f"{spec.name}.parquet"
            connection.execute(
                f"copy (select * from read_csv('{source}', all_varchar = true, header = true))"
                f" to '{target}' (format parquet)"
            )
    built = build_warehouse(tmp_path / "build", extracts_dir=extracts, select="staging", extracts_format="parquet")
    assert built.exit_code == 0
    from_files = built.query("select extract_name, staged_row_count, exception_row_count from staging.stg_extract_row_conservation order by 1")
    from_seeds = demo_warehouse.query("select extract_name, staged_row_count, exception_row_count from staging.stg_extract_row_conservation order by 1")
    assert from_files == from_seeds
    money_from_files = built.scalar("select sum(cost) from staging.stg_erp__fixed_assets")
    money_from_seeds = demo_warehouse.scalar("select sum(cost) from staging.stg_erp__fixed_assets")
    assert money_from_files == money_from_seeds
