"""Shared fixtures: the demo warehouse built once per test run into a temporary DuckDB file.

The suite runs on both cores with pytest-xdist (scripts/test: `-n 2 --dist loadfile`). What
keeps that cheap and safe:
- the demo close (`demo_warehouse`) is built ONCE for the whole run, whatever the number of
  workers: the first worker to get the lock builds it into the run's shared temporary root,
  the others wait for it and read it (read-only). The build starts in the background as soon
  as the run starts, so tests that do not need it run meanwhile;
- the tests of one module always run on one worker (--dist loadfile, so a module fixture is
  built once), and the modules that build a warehouse of their own are sent first (longest
  first, --no-loadscope-reorder), so the run does not end with one worker building while the
  other idles;
- the timing-sensitive tests (a build racing readers, kill -9 drills) hold one lock of the
  run, so two of them never run at the same time.
Every dbt build gets its own warehouse file, target path and log path, passed to dbt in its
environment (os.environ is never changed, so a build in a thread cannot pick up another's).
(xdist's loadgroup does not group with pytest 9: it renames node ids, which pytest 9 ignores.)
"""


from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun, dbt_environment

DEMO_CLOSE_PERIOD = "2026-10"

# Tests that measure a build racing readers or being killed: one at a time (a lock of the run).
TIMING_SENSITIVE_MODULES = {"test_concurrency", "test_dashboard_during_close", "test_reliability_faults"}
# Modules sent to the workers first, longest first (measured: dbt builds of their own; the
# timing-sensitive ones spread out); the rest follow in collection order. Only an ordering
# hint: a module missing here still runs.
LONGEST_FIRST = [
    "test_staging_incremental",
    "test_revenue_incremental",
    "test_extract_files",
    "test_hostile_extracts",
    "test_reliability_faults",
    "test_fixed_assets_incremental",
    "test_posted_history",
    "test_revenue_bad_input",
    "test_dashboard_during_close",
    "test_close_posted_history_roundtrip",
    "test_determinism",
    "test_lease_demo",
    "test_concurrency",
    "test_benchmark",
    "test_fixed_assets_bad_events",
    "test_close_package",
    "test_extract_corruption",
]


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


def writable_copy(warehouse: BuiltWarehouse, directory: Path) -> BuiltWarehouse:
    """A copy of a built warehouse in `directory`, to plant an error in without touching the original."""
    copy = BuiltWarehouse(path=directory / "warehouse.duckdb", target_path=directory / "target", exit_code=0)
    shutil.copy(warehouse.path, copy.path)
    return copy


def failing_rows_of_control(copy: BuiltWarehouse, control: str, columns: str, directory: Path) -> list[tuple]:
    """Run one control by itself (`dbt test --select <control>`) on a warehouse copy, check that
    it failed the run with its exceptions counted, and return the given columns of the failing
    rows it stored in control_failures."""
    run = DbtRun(command="test", close_period=DEMO_CLOSE_PERIOD, target="ci", select=control, target_path=str(copy.target_path))
    completed = subprocess.run(
        run.argv(),
        cwd=PROJECT_ROOT,
        env=run.environment(INFRA_WAREHOUSE_PATH=str(copy.path), DBT_LOG_PATH=str(directory / "logs")),
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode != 0, completed.stdout[-2000:]
    rows = copy.query(f"select {columns} from control_failures.{control}")
    assert f"FAIL {len(rows)} {control}" in completed.stdout, completed.stdout[-2000:]
    return rows


class _PreparedBuild:
    """A `dbt build` whose command line and environment are fixed when it is prepared (in the
    test's thread), so running it later, in any thread, depends on nothing that changes."""

    def __init__(
        self,
        directory: Path,
        extracts_dir: Path | None = None,
        select: str | None = None,
        close_period: str = DEMO_CLOSE_PERIOD,
        extracts_format: str = "csv",
    ) -> None:
        self.directory = directory
        self.database = directory / "warehouse.duckdb"
        self.target_path = directory / "target"
        run = DbtRun(
            command="build",
            close_period=close_period,
            target="ci",
            extracts_dir=str(extracts_dir) if extracts_dir else None,
            extracts_format=extracts_format,
            select=select,
            target_path=str(self.target_path),
        )
        self.argv = run.argv()  # reads INFRA_POSTED_HISTORY_DIR now, as run_dbt would
        self.environment = run.environment(INFRA_WAREHOUSE_PATH=str(self.database), DBT_LOG_PATH=str(directory / "logs"))

    def run(self) -> BuiltWarehouse:
        self.directory.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(self.argv, cwd=PROJECT_ROOT, env=self.environment, stdout=subprocess.DEVNULL, check=False)
        return BuiltWarehouse(path=self.database, target_path=self.target_path, exit_code=completed.returncode)


def build_warehouse(
    directory: Path,
    extracts_dir: Path | None = None,
    select: str | None = None,
    close_period: str = DEMO_CLOSE_PERIOD,
    extracts_format: str = "csv",
) -> BuiltWarehouse:
    """`dbt build` into a DuckDB file of its own (nothing shared with other builds)."""
    return _PreparedBuild(directory, extracts_dir, select, close_period, extracts_format).run()


def _run_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary directory of the whole run: shared by every xdist worker."""
    basetemp = tmp_path_factory.getbasetemp()
    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def _build_once(root: Path, name: str, prepared: _PreparedBuild) -> dict:
    """Build `prepared` unless a worker of this run already did; every worker gets the result."""
    root.mkdir(parents=True, exist_ok=True)
    result = root / f"{name}.json"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes (or the process dies)
        if not result.exists():
            built = prepared.run()
            partial = result.with_suffix(".partial")
            partial.write_text(json.dumps({"path": str(built.path), "target_path": str(built.target_path),
                                           "exit_code": built.exit_code}))
            partial.replace(result)
    return json.loads(result.read_text())


class _BackgroundBuild(threading.Thread):
    def __init__(self, root: Path, name: str, prepared: _PreparedBuild) -> None:
        super().__init__(name=f"build-{name}", daemon=True)
        self.root, self.build_name, self.prepared = root, name, prepared
        self.result: dict | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = _build_once(self.root, self.build_name, self.prepared)
        except BaseException as error:  # re-raised in the test that needs the build
            self.error = error

    def built(self) -> BuiltWarehouse:
        self.join()
        if self.error is not None:
            raise self.error
        assert self.result is not None
        return BuiltWarehouse(Path(self.result["path"]), Path(self.result["target_path"]), self.result["exit_code"])


@pytest.fixture(scope="session", autouse=True)
def _demo_build(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Start the demo close in the background at the start of the run, if any test needs it."""
    if not any("demo_warehouse" in getattr(item, "fixturenames", ()) for item in request.session.items):
        yield None
        return
    root = _run_root(tmp_path_factory)
    build = _BackgroundBuild(root, "demo_build", _PreparedBuild(root / "demo_build"))
    build.start()
    yield build
    build.join()  # another worker may be waiting for it: never leave it half built


@pytest.fixture(scope="session")
def demo_warehouse(_demo_build) -> BuiltWarehouse:
    """The demo company closed for October 2026, built from the committed seeds (once per run)."""
    return _demo_build.built()


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(autouse=True)
def _one_timing_sensitive_test_at_a_time(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    if _module(request.node) not in TIMING_SENSITIVE_MODULES:
        yield
        return
    root = _run_root(tmp_path_factory)
    root.mkdir(parents=True, exist_ok=True)
    with (root / "timing_sensitive.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _module(item: pytest.Item) -> str:
    return Path(str(item.fspath)).stem


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest modules first (with --no-loadscope-reorder xdist hands them out in this order)."""
    rank = {module: position for position, module in enumerate(LONGEST_FIRST)}
    items[:] = [item for _, item in sorted(enumerate(items), key=lambda indexed: (rank.get(_module(indexed[1]), len(rank)), indexed[0]))]
