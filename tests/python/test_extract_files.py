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


CONTRACT_TYPES = {
    "date": "date",
    "money": "decimal(18, 2)",
    "rate": "decimal(18, 8)",
    "quantity": "decimal(18, 4)",
    "integer": "integer",
    "boolean": "boolean",
}


def test_typed_parquet_extracts_stage_like_the_seeds(tmp_path, project_root, demo_warehouse):
    """A parquet file holding a column in its contract type is read as is (no text round trip)."""
    extracts = tmp_path / "extracts"
    typed_columns = []
    with duckdb.connect() as connection:
        for spec in load_contract().values():
            (extracts / spec.source).mkdir(parents=True, exist_ok=True)
            source = project_root / "seeds" / spec.source / f"{spec.name}.csv"
            connection.execute(
                f"create or replace table landed as select * from read_csv('{source}', all_varchar = true, header = true)"
            )
            landed = {row[0] for row in connection.execute("describe landed").fetchall()}
            select = []
            for column in spec.columns:
                if column.name not in landed:
                    continue
                target_type = CONTRACT_TYPES.get(column.type)
                # Typed only where every value casts exactly (a bad value must stay text to be reported).
                clean = target_type is not None and column.type != "boolean" and connection.execute(
                    f"select count(*) = 0 from landed where {column.name} is not null"
                    f" and (try_cast({column.name} as {target_type}) is null"
                    f" or cast(try_cast({column.name} as {target_type}) as varchar) <> trim({column.name}))"
                ).fetchone()[0]
                select.append(f"cast({column.name} as {target_type}) as {column.name}" if clean else column.name)
                if clean:
                    typed_columns.append(f"{spec.qualified_name}.{column.name}")
            target = extracts / spec.source / f"{spec.name}.parquet"
            connection.execute(f"copy (select {', '.join(select)} from landed) to '{target}' (format parquet)")
    assert "metering/usage.usage_date" in typed_columns and "erp/fixed_assets.cost" in typed_columns
    built = build_warehouse(tmp_path / "build", extracts_dir=extracts, select="staging", extracts_format="parquet")
    assert built.exit_code == 0
    conservation = "select extract_name, staged_row_count, exception_row_count from staging.stg_extract_row_conservation order by 1"
    assert built.query(conservation) == demo_warehouse.query(conservation)
    for relation, column in (("stg_erp__fixed_assets", "cost"), ("stg_metering__usage", "quantity")):
        query = f"select sum({column}), count(distinct source_row_number) from staging.{relation}"
        assert built.query(query) == demo_warehouse.query(query), relation
    compiled = (built.target_path / "compiled" / "infra_accounting" / "models" / "staging" / "metering"
                / "stg_metering__usage_checked.sql").read_text(encoding="utf-8")
    assert "try_cast(nullif(trim(usage_date), '') as date)" not in compiled
