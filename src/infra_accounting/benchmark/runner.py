"""One measured `dbt build` of the close: its own warehouse, profile and target dir, in a subprocess.

Measured: wall time of the subprocess, its peak memory (the kernel's ru_maxrss of the dbt
process from wait4, and the peak of the summed RSS of the whole process tree sampled from /proc),
each node's time from target/run_results.json, and the row counts of the heavy relations.
Linux carries the spawning process's own peak over into a child's ru_maxrss, so that figure can
only overstate the build's; the memory target takes the larger of the two (targets.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun
from infra_accounting.duckdb_memory import BLOCK_ALLOCATOR_MEMORY

# The relations whose size drives the close: rows and rows per second are reported for each.
# The relations that do the heavy work (tables: a view's own time is nil, its readers pay):
# the checked staging models validate every raw row; stg_* are views of their good rows.
HEAVY_MODELS = (
    "stg_metering__usage_checked",
    "int_usage_records_summed",
    "int_contract_usage_summed_monthly",
    "fct_revenue",
    "stg_bank__bank_transactions_checked",
    "int_bank_receipts_matched",
    "stg_erp__fixed_assets_checked",
    "int_asset_ledger_entries",
    "fct_asset_depreciation",
    "rpt_fixed_asset_rollforward_detail",
    "fct_tax_depreciation",
    "int_lease_schedules_discounted",
    "fct_lease_schedule",
    "int_gl_journal_lines",
    "fct_journal_entries",
    "rpt_trial_balance",
)

PROFILE = """\
# Written by infra-close benchmark: this run's own warehouse, threads and DuckDB memory limit.
infra_accounting:
  target: benchmark
  outputs:
    benchmark:
      type: duckdb
      path: "{path}"
      threads: {threads}
      settings:
        memory_limit: "{memory_limit}"
        block_allocator_memory: "{block_allocator_memory}"
"""
# No temp_directory setting: dbt-duckdb applies the settings again on every cursor it opens, and
# DuckDB refuses a new temporary directory once it has spilled, which failed every later node of
# a build that spilled early. DuckDB's default, <warehouse>.tmp, is already in the run's scratch
# directory.


@dataclass
class BuildResult:
    """What one measured build produced."""

    label: str
    close_period: str
    wall_seconds: float
    exit_code: int
    peak_rss_bytes: int
    peak_tree_rss_bytes: int
    warehouse: str
    target_path: str
    log_path: str
    nodes: list[dict] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    dbt_elapsed_seconds: float | None = None

    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for node in self.nodes:
            counts[node["status"]] = counts.get(node["status"], 0) + 1
        return dict(sorted(counts.items()))

    def node_seconds(self, name: str) -> float | None:
        for node in self.nodes:
            if node["resource_type"] in ("model", "seed", "snapshot") and node["name"] == name:
                return node["seconds"]
        return None

    def to_json(self) -> dict:
        return {
            "label": self.label,
            "close_period": self.close_period,
            "wall_seconds": round(self.wall_seconds, 3),
            # dbt's own elapsed time of the run phase; the rest of the wall time is start-up and parsing
            "dbt_elapsed_seconds": None if self.dbt_elapsed_seconds is None else round(self.dbt_elapsed_seconds, 3),
            "startup_and_parse_seconds": None
            if self.dbt_elapsed_seconds is None
            else round(self.wall_seconds - self.dbt_elapsed_seconds, 3),
            "dbt_exit_code": self.exit_code,
            "peak_rss_bytes": self.peak_rss_bytes,
            "peak_tree_rss_bytes": self.peak_tree_rss_bytes,
            "node_status_counts": self.status_counts(),
            "node_seconds_total": round(sum(node["seconds"] for node in self.nodes), 3),
            "warehouse": self.warehouse,
            "target_path": self.target_path,
            "log_path": self.log_path,
            "nodes": self.nodes,
            "row_counts": self.row_counts,
        }


def _tree_rss_bytes(root_pid: int) -> int:
    """The summed resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * page
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def write_profile(directory: Path, warehouse: Path, threads: int, memory_limit: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "profiles.yml").write_text(
        PROFILE.format(
            path=warehouse, threads=threads, memory_limit=memory_limit, block_allocator_memory=BLOCK_ALLOCATOR_MEMORY
        ),
        encoding="utf-8",
    )
    return directory


def build_argv(run: DbtRun, profiles_dir: Path, full_refresh: bool = False) -> list[str]:
    """The close's own dbt command line, pointed at the benchmark profile."""
    argv = run.argv()
    argv[argv.index("--profiles-dir") + 1] = str(profiles_dir)
    argv[argv.index("--target") + 1] = "benchmark"
    if full_refresh:
        argv.append("--full-refresh")
    return argv


def _relations(target_path: Path) -> dict[str, str]:
    """Model name -> schema.alias from the run's manifest."""
    manifest = json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))
    return {
        node["name"]: f'"{node["schema"]}"."{node["alias"]}"'
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
    }


def lineage(target_path: Path, names) -> dict[str, str]:
    """The named models and every model upstream of them: {model name: materialization}."""
    manifest = json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))
    nodes = manifest["nodes"]
    by_name = {node["name"]: unique_id for unique_id, node in nodes.items() if node["resource_type"] == "model"}
    found: dict[str, str] = {}
    stack = [by_name[name] for name in names if name in by_name]
    while stack:
        unique_id = stack.pop()
        node = nodes.get(unique_id)
        if node is None or node["resource_type"] != "model" or node["name"] in found:
            continue
        found[node["name"]] = node["config"].get("materialized", "table")
        stack.extend(node.get("depends_on", {}).get("nodes", []))
    return found


def _node_area(original_file_path: str) -> str:
    """models/<layer>/<area>/x.sql -> <area>; tests/... -> 'tests'."""
    parts = Path(original_file_path).parts
    if len(parts) >= 4 and parts[0] == "models":
        return f"staging/{parts[2]}" if parts[1] == "staging" else parts[2]
    if len(parts) >= 3 and parts[0] == "python_models":
        return parts[1]
    return parts[0] if parts else "unknown"


def read_nodes(target_path: Path) -> list[dict]:
    """One entry per node of run_results.json: name, type, area, status, seconds."""
    results_path = target_path / "run_results.json"
    if not results_path.exists():
        return []
    manifest = json.loads((target_path / "manifest.json").read_text(encoding="utf-8"))
    all_nodes = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    nodes = []
    for result in json.loads(results_path.read_text(encoding="utf-8"))["results"]:
        node = all_nodes.get(result["unique_id"], {})
        resource_type = result["unique_id"].split(".", 1)[0]
        area = _node_area(node.get("original_file_path", ""))
        attached_model = None
        if resource_type in ("test", "unit_test"):
            parents = [parent for parent in node.get("depends_on", {}).get("nodes", []) if parent.startswith("model.")]
            if resource_type == "unit_test":
                parents = [f"model.{node.get('package_name', '')}.{node.get('model', '')}"]
            parent = all_nodes.get(parents[0], {}) if parents else {}
            area = _node_area(parent.get("original_file_path", "")) if parent else "tests"
            attached_model = parent.get("name")
        path_parts = Path(node.get("original_file_path", "x/x")).parts
        layer = ("python" if path_parts[0] == "python_models" else path_parts[1]) if resource_type == "model" else resource_type
        nodes.append(
            {
                "unique_id": result["unique_id"],
                "name": node.get("name", result["unique_id"].rsplit(".", 1)[-1]),
                "resource_type": resource_type,
                "area": area,
                "layer": layer,
                "status": result["status"],
                "seconds": round(result.get("execution_time") or 0.0, 3),
                "attached_model": attached_model,
            }
        )
    return nodes


def count_rows(warehouse: Path, target_path: Path, names=HEAVY_MODELS) -> dict[str, int]:
    """Row counts of the heavy relations that the build created."""
    if not warehouse.exists() or not (target_path / "manifest.json").exists():
        return {}
    relations = _relations(target_path)
    counts: dict[str, int] = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        existing = {
            f'"{schema}"."{name}"'
            for schema, name in connection.execute("select table_schema, table_name from information_schema.tables").fetchall()
        }
        for name in names:
            relation = relations.get(name)
            if relation and relation in existing:
                counts[name] = connection.execute(f"select count(*) from {relation}").fetchone()[0]
    return counts


def measured_build(
    label: str,
    run: DbtRun,
    scratch: Path,
    warehouse: Path,
    threads: int,
    memory_limit: str,
    full_refresh: bool = False,
    sample_seconds: float = 0.2,
) -> BuildResult:
    """Run one dbt build in a subprocess and measure it (the warehouse may already exist)."""
    profiles_dir = write_profile(scratch / "profile", warehouse, threads, memory_limit)
    log_path = scratch / f"{label}.dbt.log"
    target_path = Path(run.target_path)
    environment = run.environment(INFRA_WAREHOUSE_PATH=str(warehouse), DBT_LOG_PATH=str(scratch / "logs"))
    peak_tree = 0
    stop = threading.Event()
    with open(log_path, "w", encoding="utf-8") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            build_argv(run, profiles_dir, full_refresh), cwd=PROJECT_ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )

        def sample() -> None:
            nonlocal peak_tree
            while not stop.is_set():
                peak_tree = max(peak_tree, _tree_rss_bytes(process.pid))
                stop.wait(sample_seconds)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        stop.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    nodes = read_nodes(target_path)
    return BuildResult(
        label=label,
        close_period=run.close_period,
        wall_seconds=wall,
        exit_code=process.returncode,
        peak_rss_bytes=usage.ru_maxrss * 1024,
        peak_tree_rss_bytes=peak_tree,
        warehouse=str(warehouse),
        target_path=str(target_path),
        log_path=str(log_path),
        nodes=nodes,
        row_counts=count_rows(warehouse, target_path),
        dbt_elapsed_seconds=_elapsed(target_path),
    )


def _elapsed(target_path: Path) -> float | None:
    results_path = target_path / "run_results.json"
    if not results_path.exists():
        return None
    return json.loads(results_path.read_text(encoding="utf-8")).get("elapsed_time")


# Columns that identify the dbt invocation (and the control evidence JSON, whose array order
# varies between runs), not the books: left out of the mart checksums.
RUN_COLUMNS = ("invocation_id", "run_started_at", "exception_rows_json")


def mart_checksums(warehouse: Path) -> dict[str, list]:
    """Rows and an order-independent checksum of every table and report in the marts schema (run
    ids left out). The reports that are views (the invoice-to-cash reconciliation) are compared
    like tables; fct_rated_usage, a view of every usage record, is compared through the tables
    built from it."""
    checksums: dict[str, list] = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = connection.execute(
            "select table_name from information_schema.tables where table_schema = 'marts'"
            " and (table_type = 'BASE TABLE' or table_name like 'rpt\\_%' escape '\\') order by 1"
        ).fetchall()
        for (table,) in tables:
            count, checksum = connection.execute(
                f"select count(*), coalesce(sum(hash(*columns(lambda c: c not in {RUN_COLUMNS!r}))::hugeint), 0)"
                f' from marts."{table}"'
            ).fetchone()
            checksums[table] = [count, str(checksum)]
    return checksums
