"""Shared fixtures: the demo warehouse built once per test session into a temporary DuckDB file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun, run_dbt

DEMO_CLOSE_PERIOD = "2026-10"


@dataclass
class BuiltWarehouse:
    path: Path
    target_path: Path
    exit_code: int

    def query(self, sql: str, parameters: list | None = None) -> list[tuple]:
        with duckdb.connect(str(self.path), read_only=True) as connection:
            return connection.execute(sql, parameters or []).fetchall()

    def scalar(self, sql: str, parameters: list | None = None):
        rows = self.query(sql, parameters)
        return rows[0][0] if rows else None


def build_warehouse(
    directory: Path,
    extracts_dir: Path | None = None,
    select: str | None = None,
    close_period: str = DEMO_CLOSE_PERIOD,
    extracts_format: str = "csv",
) -> BuiltWarehouse:
    """`dbt build` into a DuckDB file of its own (nothing shared with other builds)."""
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "warehouse.duckdb"
    target_path = directory / "target"
    previous = os.environ.get("INFRA_WAREHOUSE_PATH")
    os.environ["INFRA_WAREHOUSE_PATH"] = str(database)
    try:
        exit_code = run_dbt(
            DbtRun(
                command="build",
                close_period=close_period,
                target="ci",
                extracts_dir=str(extracts_dir) if extracts_dir else None,
                extracts_format=extracts_format,
                select=select,
                target_path=str(target_path),
            ),
            quiet=True,
        )
    finally:
        if previous is None:
            os.environ.pop("INFRA_WAREHOUSE_PATH", None)
        else:
            os.environ["INFRA_WAREHOUSE_PATH"] = previous
    return BuiltWarehouse(path=database, target_path=target_path, exit_code=exit_code)


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    """The demo company closed for October 2026, built from the committed seeds."""
    return build_warehouse(tmp_path_factory.mktemp("demo_build"))


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT
