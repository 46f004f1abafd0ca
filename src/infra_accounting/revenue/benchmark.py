"""Benchmark the revenue rating and the cash matching SQL at scale (not a test).

Takes a built demo warehouse and the dbt target directory of that build, replicates the demo
customers, contracts, rates and usage `--copies` times (each copy a new set of customers with
the same contracts and usage pattern, so the joins keep their real shape), then runs the
compiled SQL of the rating models and of the bank-receipt matching against the replicated
tables and prints rows and seconds per step. The warehouse is copied to a scratch directory
first; nothing in the repository is written.

    python -m infra_accounting.revenue.benchmark --warehouse /tmp/revenue/wh.duckdb \
        --target /tmp/revenue/target --copies 1950 --scratch /tmp/revenue_bench
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import duckdb

# (schema, model, materialization): the rated records are views (stored once, in staging);
# int_usage_records_summed is the one materialization of rating (incremental by month in the
# project; here built whole, from the compiled SQL of a full build)
RATING_MODELS = [
    ("intermediate", "int_revenue_contracts_enriched", "table"),
    ("intermediate", "int_usage_records_rated", "view"),
    ("marts", "fct_rated_usage", "view"),
    ("intermediate", "int_usage_records_summed", "table"),
    ("intermediate", "int_contract_usage_summed_monthly", "table"),
]
MATCHING_MODELS = [("intermediate", "int_bank_receipts_matched", "table")]


def _compiled_sql(target: Path, schema: str, name: str) -> str:
    folder = "marts" if schema == "marts" else "intermediate"
    area = "cash" if name.endswith("_matched") else "revenue"
    return (target / "compiled" / "infra_accounting" / "models" / folder / area / f"{name}.sql").read_text()


def _replicate(connection: duckdb.DuckDBPyConnection, copies: int) -> None:
    """Replace the staged customers, contracts, rates, usage, payments and bank lines by `copies` copies."""
    connection.execute(f"create or replace temp table copy_numbers as select range as copy_number from range({copies})")
    suffix = "case when copy_number = 0 then '' else '-' || copy_number end"
    statements = {
        "stg_erp__customers": f"select * replace (customer_id || {suffix} as customer_id, customer_name || {suffix} as customer_name)",
        "stg_crm__contracts": f"select * replace (contract_id || {suffix} as contract_id, customer_id || {suffix} as customer_id)",
        "stg_crm__contract_rates": f"select * replace (contract_id || {suffix} as contract_id)",
        "stg_metering__usage": (
            "select * replace (cast(cast(usage_id as bigint) + copy_number * 1000000 as varchar) as usage_id, "
            f"customer_id || {suffix} as customer_id)"
        ),
        # each copy's amounts move by copy_number cents, so a receipt matches its own copy's payment
        # (identical amounts in every copy would make each bank line a candidate for every copy)
        "stg_erp__payments": (
            f"select * replace (payment_id || {suffix} as payment_id, customer_id || {suffix} as customer_id, "
            "cast(amount + copy_number / 100 as decimal(18, 2)) as amount)"
        ),
        "stg_bank__bank_transactions": (
            f"select * replace (transaction_id || {suffix} as transaction_id, counterparty || {suffix} as counterparty, "
            "cast(amount + copy_number / 100 as decimal(18, 2)) as amount)"
        ),
    }
    for table, select in statements.items():
        connection.execute(
            f"create or replace table staging.{table}_copies as {select} from staging.{table} cross join copy_numbers"
        )
        connection.execute(f"alter table staging.{table}_copies drop column copy_number")
        connection.execute(f"drop table staging.{table}")
        connection.execute(f"alter table staging.{table}_copies rename to {table}")


def _run(connection: duckdb.DuckDBPyConnection, target: Path, models: list[tuple[str, str, str]]) -> list[tuple[str, int, float]]:
    results = []
    for schema, name, materialization in models:
        sql = _compiled_sql(target, schema, name)
        existing = connection.execute(
            "select table_type from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
        ).fetchall()
        if existing:
            connection.execute(f'drop {"view" if existing[0][0] == "VIEW" else "table"} "{schema}"."{name}"')
        started, cpu_started = time.perf_counter(), time.process_time()
        connection.execute(f'create {materialization} "{schema}"."{name}" as {sql}')
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        rows = connection.execute(f'select count(*) from "{schema}"."{name}"').fetchall()[0][0]
        results.append((name, rows, elapsed))
        print(f"{name:40s} {rows:>13,d} rows {elapsed:9.1f} s wall {cpu:9.1f} s cpu", flush=True)
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, required=True, help="built demo warehouse (DuckDB file named wh.duckdb)")
    parser.add_argument("--target", type=Path, required=True, help="dbt target directory of that build (compiled SQL)")
    parser.add_argument("--copies", type=int, default=1950, help="copies of the demo (1950 x 51,313 usage rows = ~100m)")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/revenue_bench"))
    parser.add_argument("--threads", type=int, default=2)
    arguments = parser.parse_args(argv)

    arguments.scratch.mkdir(parents=True, exist_ok=True)
    database = arguments.scratch / arguments.warehouse.name
    shutil.copyfile(arguments.warehouse, database)
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"set threads = {arguments.threads}")
        connection.execute(f"set temp_directory = '{arguments.scratch / 'spill'}'")
        started = time.perf_counter()
        _replicate(connection, arguments.copies)
        usage_rows = connection.execute("select count(*) from staging.stg_metering__usage").fetchall()[0][0]
        bank_rows = connection.execute("select count(*) from staging.stg_bank__bank_transactions").fetchall()[0][0]
        print(f"replicated x{arguments.copies}: {usage_rows:,d} usage rows, {bank_rows:,d} bank lines "
              f"in {time.perf_counter() - started:.1f} s", flush=True)
        rating = _run(connection, arguments.target, RATING_MODELS)
        matching = _run(connection, arguments.target, MATCHING_MODELS)
    total_rating = sum(seconds for _, _, seconds in rating)
    print(f"rating total {total_rating:.1f} s for {usage_rows:,d} usage rows "
          f"({usage_rows / max(total_rating, 1e-9):,.0f} rows/s)")
    receipts = matching[0][1]
    print(f"matching {matching[0][2]:.1f} s for {receipts:,d} bank receipts "
          f"({receipts / max(matching[0][2], 1e-9):,.0f} receipts/s)")
    database.unlink()


if __name__ == "__main__":
    main()
