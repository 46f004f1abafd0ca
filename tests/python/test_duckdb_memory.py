"""Every DuckDB the close runs on keeps its freed buffer blocks for the next query (DECISIONLOG
C-020): the project's own profile, the benchmark's profile and the compute floor's connection,
so the benchmark measures the close as it runs and the floor ratio compares like with like."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
import yaml

from infra_accounting.benchmark import floor, runner
from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.duckdb_memory import BLOCK_ALLOCATOR_MEMORY


def _as_duckdb_reports(setting: str) -> str:
    """A memory setting as DuckDB reports it once set (in GiB, say)."""
    connection = duckdb.connect()
    connection.execute(f"set block_allocator_memory = '{setting}'")
    return connection.execute("select current_setting('block_allocator_memory')").fetchone()[0]


@pytest.mark.parametrize("target", ["dev", "ci"])
def test_the_project_profile_keeps_freed_blocks(target):
    outputs = yaml.safe_load((PROJECT_ROOT / "profiles.yml").read_text(encoding="utf-8"))["infra_accounting"]["outputs"]
    assert outputs[target]["settings"]["block_allocator_memory"] == BLOCK_ALLOCATOR_MEMORY


def test_the_benchmark_profile_keeps_freed_blocks(tmp_path):
    profile = runner.write_profile(tmp_path / "profile", tmp_path / "warehouse.duckdb", 2, "6GB")
    outputs = yaml.safe_load((profile / "profiles.yml").read_text(encoding="utf-8"))["infra_accounting"]["outputs"]
    settings = outputs["benchmark"]["settings"]
    assert settings == {"memory_limit": "6GB", "block_allocator_memory": BLOCK_ALLOCATOR_MEMORY}


def test_the_floor_runs_on_the_same_engine_settings(tmp_path):
    with floor.connect(tmp_path / "floor.duckdb", "1GB") as connection:
        applied = connection.execute("select current_setting('block_allocator_memory')").fetchone()[0]
    assert applied == _as_duckdb_reports(BLOCK_ALLOCATOR_MEMORY)
    default = duckdb.connect().execute("select current_setting('block_allocator_memory')").fetchone()[0]
    assert applied != default, "DuckDB's default would pass unnoticed"


PEAK_RESIDENT_AFTER_A_SMALL_QUERY = """
import re, sys
import duckdb
connection = duckdb.connect()
if sys.argv[1]:
    connection.execute(f"set block_allocator_memory = '{sys.argv[1]}'")
connection.execute("create table numbers as select range as n from range(1000000)")
assert connection.execute("select sum(n) from numbers").fetchone()[0] == 499999500000
status = open("/proc/self/status", encoding="ascii").read()
print(int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024)
"""


def _peak_resident_bytes(block_allocator_memory: str) -> int:
    """Peak resident memory of a fresh process that runs one small query. Read from the process's
    own VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over from the parent, so under a
    busy pytest worker it reports the worker's peak, not the query's."""
    completed = subprocess.run(
        [sys.executable, "-c", PEAK_RESIDENT_AFTER_A_SMALL_QUERY, block_allocator_memory], capture_output=True, text=True, check=True
    )
    return int(completed.stdout)


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from Linux's /proc")
def test_the_memory_is_reserved_not_taken():
    """The reason it can sit in every profile, the demo's and CI's included: a process that reads
    little holds little, not the whole allowance up front."""
    without_the_setting = _peak_resident_bytes("")
    with_the_setting = _peak_resident_bytes(BLOCK_ALLOCATOR_MEMORY)
    assert with_the_setting < without_the_setting + 128 * 1024 * 1024, (with_the_setting, without_the_setting)
    assert with_the_setting < 512 * 1024 * 1024


def test_a_later_cursor_may_set_it_again_but_never_lower():
    """dbt-duckdb sets the profile's settings again on every cursor it opens: the same value again
    is accepted; a lower one is refused by DuckDB, so every profile must name the same value."""
    connection = duckdb.connect()
    connection.execute(f"set block_allocator_memory = '{BLOCK_ALLOCATOR_MEMORY}'")
    connection.cursor().execute(f"set block_allocator_memory = '{BLOCK_ALLOCATOR_MEMORY}'")
    with pytest.raises(duckdb.InvalidInputException, match="cannot be reduced"):
        connection.execute("set block_allocator_memory = '1MB'")
