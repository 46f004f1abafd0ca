"""The machine a benchmark ran on: what a reader needs to compare two results."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

import duckdb

LOAD_WARNING_THRESHOLD = 0.5
# The speed probe: a fixed piece of work timed at the start and at the end of a run. On a
# shared virtual machine the same commit ran 1.5-2 times slower on one day than on another
# (session 11), with the same CPU model and no load, so two results compare only when their
# probes do.
SPEED_PROBE_INTEGERS = 100_000_000
SPEED_PROBE_PYTHON_STEPS = 5_000_000


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _memory_bytes() -> int | None:
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    return None


def speed_probe() -> dict:
    """Seconds for a fixed DuckDB query (hash and sum of SPEED_PROBE_INTEGERS integers, two
    threads: the engine's speed) and for a fixed pure-Python loop (the interpreter's speed,
    which bounds dbt's own work between queries)."""
    with duckdb.connect() as connection:
        connection.execute("set threads = 2")
        started = time.perf_counter()
        connection.execute(f"select sum(hash(i)) from range({SPEED_PROBE_INTEGERS}) as t(i)").fetchall()
        duckdb_seconds = time.perf_counter() - started
    started = time.perf_counter()
    total = 0
    for step in range(SPEED_PROBE_PYTHON_STEPS):  # the interpreter's own speed is what is measured
        total += step
    python_seconds = time.perf_counter() - started
    return {"duckdb_seconds": round(duckdb_seconds, 3), "python_seconds": round(python_seconds, 3)}


def describe() -> dict:
    """Cores, RAM, CPU model, OS, versions, the load average and the speed probe now (at the start of a run)."""
    load_1, load_5, load_15 = os.getloadavg()
    memory = _memory_bytes()
    return {
        "hostname": platform.node(),
        "cpu_model": _cpu_model(),
        "cpu_cores": os.cpu_count(),
        "memory_gb": round(memory / 1024**3, 1) if memory else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "load_average_at_start": [round(load_1, 2), round(load_5, 2), round(load_15, 2)],
        "speed_probe_at_start": speed_probe(),
    }


def load_warning(machine: dict) -> str | None:
    """A warning when the machine was busy at the start (other work distorts the timings)."""
    load_1 = machine["load_average_at_start"][0]
    if load_1 > LOAD_WARNING_THRESHOLD:
        return (
            f"load average {load_1} > {LOAD_WARNING_THRESHOLD} at the start: other work was running on this "
            f"{machine['cpu_cores']}-core machine, the timings are pessimistic"
        )
    return None
