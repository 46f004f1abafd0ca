"""`infra-close benchmark`: measure the close on a scale preset and write the result."""

from __future__ import annotations

import argparse
import shlex
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

from infra_accounting.benchmark import extracts, floor, machine, report, runner, targets
from infra_accounting.close import posted_history
from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun

DEFAULT_CLOSE_PERIOD = "2026-10"


def previous_month(period: str) -> str:
    year, month = (int(part) for part in period.split("-"))
    year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return f"{year:04d}-{month:02d}"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", choices=["S", "M", "L"], default="S", help="Scale preset (default: %(default)s).")
    parser.add_argument(
        "--extracts-dir",
        help="The preset's Parquet extracts (default: /tmp/infra-accounting-bench/<preset>; generated there when absent; "
        "S defaults to the committed demo seeds).",
    )
    parser.add_argument("--out", default="benchmarks/results", help="Where the JSON and Markdown results go (default: %(default)s).")
    parser.add_argument("--scratch-dir", help="Warehouses, targets and logs of the run (default: a new dir under /tmp).")
    parser.add_argument("--skip-generate", action="store_true", help="Never run the generator: fail when the extracts are absent.")
    parser.add_argument(
        "--parquet-types",
        choices=["typed", "text"],
        default="typed",
        help="Columns of the generated Parquet: in their contract types (default) or all text like a CSV export.",
    )
    parser.add_argument("--threads", type=int, default=2, help="dbt threads (default: %(default)s).")
    parser.add_argument(
        "--memory-limit", default=floor.DEFAULT_MEMORY_LIMIT, help="DuckDB memory limit of the build and the floor (default: %(default)s)."
    )
    parser.add_argument("--month", default=DEFAULT_CLOSE_PERIOD, help="Close month N+1 to build, YYYY-MM (default: %(default)s).")
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="Also measure the monthly close: build month N, post it, build N+1 on the same warehouse (no --full-refresh), "
        "against a full rebuild of N+1.",
    )
    parser.add_argument("--skip-floor", action="store_true", help="Do not run the compute floor.")
    parser.add_argument("--keep-scratch", action="store_true", help="Keep the warehouses of the run (default: removed at the end).")


def _prepare_extracts(arguments: argparse.Namespace, scratch: Path) -> tuple[Path, dict]:
    preset = arguments.preset
    generated_seconds = None
    if arguments.extracts_dir:
        source = Path(arguments.extracts_dir)
    elif preset == "S":
        source = extracts.seeds_as_parquet(scratch / "seed_extracts")
    else:
        source = extracts.default_extracts_dir(preset, arguments.parquet_types)
    if not extracts.is_present(source):
        if arguments.skip_generate:
            raise FileNotFoundError(f"no extracts at {source} (and --skip-generate): generate them first")
        source.mkdir(parents=True, exist_ok=True)
        generated_seconds = extracts.generate(preset, source, arguments.parquet_types)
    overlay_dir = scratch / "extracts"
    origin = extracts.overlay(source, overlay_dir)
    return overlay_dir, {
        "source_dir": str(source.resolve()),
        "generated_seconds": generated_seconds,
        "parquet_column_types": extracts.parquet_column_types(source),
        "from_seeds": sorted(name for name, kind in origin.items() if kind == "seed"),
        "row_counts": extracts.row_counts(overlay_dir),
    }


def _dbt_run(close_period: str, extracts_dir: Path, directory: Path, history: Path) -> DbtRun:
    return DbtRun(
        command="build",
        close_period=close_period,
        extracts_dir=str(extracts_dir),
        extracts_format="parquet",
        target_path=str(directory / "target"),
        posted_history_dir=str(history),
    )


# what "usage rating and revenue" rebuilds when measured alone: validating and staging the usage
# extract, then every model of the revenue area (rating, recognition, billing, deferral, journals)
RATING_AND_REVENUE_SELECTION = "stg_metering__usage_checked path:models/intermediate/revenue path:models/marts/revenue"
# each schedule's lineage is rebuilt one model at a time, as the floor runs its queries
LINEAGE_ALONE_THREADS = 1


def _rebuilt_alone(
    label: str, select: str, arguments, overlay_dir: Path, full_dir: Path, scratch: Path, threads: int | None = None
) -> dict:
    """Models rebuilt by themselves (dbt run --full-refresh: every row computed again) on the built warehouse,
    with the benchmark's dbt threads unless `threads` says otherwise."""
    directory = scratch / label
    run = DbtRun(
        command="run",
        close_period=arguments.month,
        extracts_dir=str(overlay_dir),
        extracts_format="parquet",
        select=select,
        target_path=str(directory / "target"),
        posted_history_dir=str(full_dir / "posted_history"),
    )
    alone = runner.measured_build(
        label, run, directory, full_dir / "warehouse.duckdb", threads or arguments.threads, arguments.memory_limit, full_refresh=True
    )
    return alone.to_json()


def _reuse_parse(from_target: Path, to_target: Path) -> None:
    """Give a run the previous run's parse of the project (dbt's partial_parse.msgpack), as a
    close in the same checkout has: dbt re-parses only what changed (a new close month, read
    from the environment when dbt executes, re-parses nothing). dbt parses afresh when the
    profile or the vars differ."""
    saved = from_target / "partial_parse.msgpack"
    if saved.exists():
        to_target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved, to_target / "partial_parse.msgpack")


def _incremental(arguments, overlay_dir: Path, scratch: Path) -> dict:
    """Month N from scratch, posted; then N+1 on the same warehouse; then N+1 from scratch with the same history."""
    month = arguments.month
    month_n = previous_month(month)
    history = scratch / "incremental" / "posted_history"
    warehouse = scratch / "incremental" / "warehouse.duckdb"
    first = runner.measured_build(
        "month_n_full", _dbt_run(month_n, overlay_dir, scratch / "incremental" / "n", history),
        scratch / "incremental", warehouse, arguments.threads, arguments.memory_limit,
    )
    if first.exit_code == 0:
        posted_history.write_close_month(warehouse, month_n, history)
    # month N+1 is closed in the same checkout as month N: dbt starts from N's parse of the project
    for directory in (scratch / "incremental" / "n1", scratch / "incremental_rebuild" / "n1"):
        _reuse_parse(scratch / "incremental" / "n" / "target", directory / "target")
    second = runner.measured_build(
        "month_n_plus_1_incremental", _dbt_run(month, overlay_dir, scratch / "incremental" / "n1", history),
        scratch / "incremental", warehouse, arguments.threads, arguments.memory_limit,
    )
    rebuild_warehouse = scratch / "incremental_rebuild" / "warehouse.duckdb"
    third = runner.measured_build(
        "month_n_plus_1_full_rebuild", _dbt_run(month, overlay_dir, scratch / "incremental_rebuild" / "n1", history),
        scratch / "incremental_rebuild", rebuild_warehouse, arguments.threads, arguments.memory_limit,
    )
    incremental_marts = runner.mart_checksums(warehouse) if second.exit_code == 0 else {}
    rebuild_marts = runner.mart_checksums(rebuild_warehouse) if third.exit_code == 0 else {}
    differing = sorted(name for name in set(incremental_marts) | set(rebuild_marts) if incremental_marts.get(name) != rebuild_marts.get(name))
    runs = [build.to_json() for build in (first, second, third)]
    for run in runs:
        # the result stays small: each run's slowest nodes, not all of them
        run.pop("row_counts", None)
        run["slowest_nodes"] = report.slowest_nodes(run.pop("nodes"))
    return {
        "month_n": month_n,
        "month_n_plus_1": month,
        "posted_history_written": first.exit_code == 0,
        "runs": runs,
        "incremental_seconds": round(second.wall_seconds, 3),
        "full_rebuild_seconds": round(third.wall_seconds, 3),
        "incremental_to_full_ratio": round(second.wall_seconds / third.wall_seconds, 3) if third.wall_seconds else None,
        "marts_identical": bool(incremental_marts) and not differing,
        "marts_differing": differing,
        "incremental_slowest_nodes": report.slowest_nodes(second.nodes),
    }


def run_benchmark(arguments: argparse.Namespace, argv: list[str] | None = None) -> dict:
    started = datetime.now(timezone.utc)
    described = machine.describe()
    warnings = [warning for warning in [machine.load_warning(described)] if warning]
    scratch = Path(arguments.scratch_dir) if arguments.scratch_dir else Path(
        f"/tmp/infra-accounting-bench/runs/{arguments.preset}-{started:%Y%m%dT%H%M%S}"
    )
    scratch.mkdir(parents=True, exist_ok=True)
    overlay_dir, extract_info = _prepare_extracts(arguments, scratch)
    if extract_info["from_seeds"] and arguments.preset != "S":
        warnings.append(
            "extracts not written by the generator were taken from the demo seeds: " + ", ".join(extract_info["from_seeds"])
        )

    full_dir = scratch / "full"
    build = runner.measured_build(
        "full",
        _dbt_run(arguments.month, overlay_dir, full_dir, full_dir / "posted_history"),
        full_dir,
        full_dir / "warehouse.duckdb",
        arguments.threads,
        arguments.memory_limit,
    )
    build_json = build.to_json()
    if build.exit_code != 0:
        failed = [node["name"] for node in build.nodes if node["status"] in ("error", "fail")]
        skipped = sum(1 for node in build.nodes if node["status"] == "skipped")
        if build.nodes:
            warnings.append(
                f"dbt build exit code {build.exit_code}: {len(failed)} node(s) failed ({', '.join(failed[:10])}), "
                f"{skipped} skipped - the times of skipped nodes are missing (log: {build.log_path})"
            )
        else:
            tail = Path(build.log_path).read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
            warnings.append(f"dbt build exit code {build.exit_code} before any node ran: {' / '.join(tail)}")

    floor_json = None
    if not arguments.skip_floor:
        floor_results = floor.run_floor(overlay_dir, scratch / "floor" / "floor.duckdb", arguments.month, arguments.memory_limit)
        floor_results_json = [result.to_json() for result in floor_results]
        controls = floor.compare_controls(
            scratch / "floor" / "floor.duckdb", full_dir / "warehouse.duckdb", runner._relations(full_dir / "target"), arguments.month
        ) if (full_dir / "target" / "manifest.json").exists() else {}
        manifest_present = (full_dir / "target" / "manifest.json").exists()
        lineages = {
            schedule: runner.lineage(full_dir / "target", targets) if manifest_present else {}
            for schedule, targets in floor.PROJECT_TARGETS.items()
        }
        floor_json = {"schedules": floor_results_json, "controls": controls}
        for schedule, values in controls.items():
            for control, value in values.items():
                if not value.get("agrees"):
                    warnings.append(f"floor and project differ on {schedule}.{control}: {value}")
        # like for like with the floor, which runs each schedule by itself, one query at a time on
        # every core: each schedule's lineage rebuilt alone on the built warehouse (after the
        # controls were compared: same tables), one model at a time (dbt --threads 1). With two
        # dbt threads on two cores, each model's time would also count the time the model beside
        # it held the cores, so the summed node times would count the overlap twice.
        lineage_alone = {
            schedule: _rebuilt_alone(
                f"lineage_alone_{schedule}", " ".join(f"+{name}" for name in targets), arguments, overlay_dir, full_dir, scratch,
                threads=LINEAGE_ALONE_THREADS,
            )
            for schedule, targets in floor.PROJECT_TARGETS.items()
        } if build.exit_code == 0 and manifest_present else {}
        floor_json["ratios"] = report.floor_ratios(build_json, floor_results_json, lineages, lineage_alone)

    # after the floor compared its totals with the full build's: the rebuild gives the same table
    matching_alone = rating_alone = None
    if build.exit_code == 0:
        matching_alone = _rebuilt_alone("matching_alone", "int_bank_receipts_matched", arguments, overlay_dir, full_dir, scratch)
        rating_alone = _rebuilt_alone("rating_and_revenue_alone", RATING_AND_REVENUE_SELECTION, arguments, overlay_dir, full_dir, scratch)
    incremental_json = _incremental(arguments, overlay_dir, scratch) if arguments.incremental else None

    bank_lines = extract_info["row_counts"].get("bank/bank_transactions")
    described["speed_probe_at_end"] = machine.speed_probe()
    result = {
        "preset": arguments.preset,
        "started_at_utc": started.isoformat(timespec="seconds"),
        "command": "infra-close " + " ".join(shlex.quote(part) for part in (argv or [])),
        "close_period": arguments.month,
        "machine": described,
        "warnings": warnings,
        "settings": {
            "threads": arguments.threads, "lineage_alone_threads": LINEAGE_ALONE_THREADS,
            "memory_limit": arguments.memory_limit, "scratch_dir": str(scratch),
        },
        "extracts": extract_info,
        "build": build_json,
        "slowest_nodes": report.slowest_nodes(build.nodes),
        "seconds_by_area": report.seconds_by_area(build.nodes),
        "heavy_models": report.heavy_models(build_json),
        "matching_throughput": report.matching_throughput(build_json, bank_lines, matching_alone),
        "rating_and_revenue_alone": report.rating_and_revenue_alone(rating_alone, extract_info["row_counts"].get("metering/usage")),
        "floor": floor_json,
        "incremental": incremental_json,
    }
    result["targets"] = targets.judge(result)
    if not arguments.keep_scratch:
        for path in scratch.rglob("*.duckdb"):
            path.unlink()
        shutil.rmtree(scratch / "seed_extracts", ignore_errors=True)
    return result


def main(arguments: argparse.Namespace, argv: list[str] | None = None) -> int:
    result = run_benchmark(arguments, argv)
    out = Path(arguments.out)
    out = out if out.is_absolute() else PROJECT_ROOT / out
    json_path, markdown_path = report.write(result, out)
    build = result["build"]
    print(
        f"preset {result['preset']}: dbt build {build['wall_seconds']:.1f} s wall, peak {report.gb(build['peak_rss_bytes'])}, "
        f"exit {build['dbt_exit_code']}"
    )
    for warning in result["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {json_path}\nwrote {markdown_path}")
    return build["dbt_exit_code"]
