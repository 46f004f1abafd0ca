"""The benchmark's result: one JSON document and its Markdown summary."""

from __future__ import annotations

import json
from pathlib import Path

from infra_accounting.benchmark import machine as machine_probe
from infra_accounting.benchmark import targets


TOP_NODES = 15

# Every top-level field of the JSON result (a test checks the writer emits each of them).
RESULT_FIELDS = (
    "preset",
    "started_at_utc",
    "command",
    "close_period",
    "machine",
    "warnings",
    "settings",
    "extracts",
    "build",
    "slowest_nodes",
    "seconds_by_area",
    "heavy_models",
    "matching_throughput",
    "rating_and_revenue_alone",
    "floor",
    "incremental",
    "targets",
)


def gb(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024**3:.2f} GB"


def slowest_nodes(nodes: list[dict], count: int = TOP_NODES) -> list[dict]:
    return sorted(nodes, key=lambda node: node["seconds"], reverse=True)[:count]


def seconds_by_area(nodes: list[dict]) -> list[dict]:
    """Node seconds summed by area and kind (models / tests)."""
    totals: dict[tuple[str, str], float] = {}
    for node in nodes:
        kind = "tests" if node["resource_type"] in ("test", "unit_test") else "models"
        key = (node["area"], kind)
        totals[key] = totals.get(key, 0.0) + node["seconds"]
    rows = [{"area": area, "kind": kind, "seconds": round(seconds, 3)} for (area, kind), seconds in totals.items()]
    return sorted(rows, key=lambda row: row["seconds"], reverse=True)


def heavy_models(build: dict) -> list[dict]:
    """Rows, seconds and rows per second of each heavy relation the build created."""
    seconds = {node["name"]: node["seconds"] for node in build["nodes"] if node["resource_type"] == "model"}
    rows = []
    for name, count in build["row_counts"].items():
        node_seconds = seconds.get(name)
        rows.append(
            {
                "model": name,
                "rows": count,
                "seconds": node_seconds,
                "rows_per_second": round(count / node_seconds) if node_seconds else None,
            }
        )
    return rows


def _matching_seconds(build: dict | None) -> float | None:
    return next(
        (
            node["seconds"]
            for node in (build or {}).get("nodes", [])
            if node["name"] == "int_bank_receipts_matched" and node["resource_type"] == "model" and node["status"] == "success"
        ),
        None,
    )


def _per_minute(lines: int | None, seconds: float | None) -> int | None:
    return round(lines * 60 / seconds) if lines and seconds else None


def matching_throughput(build: dict, bank_lines: int | None, alone: dict | None = None) -> dict:
    """Bank lines per minute through the matching model (lines of the extract / model time).

    Twice: inside the full build, where the model shares the two cores with whatever dbt runs
    beside it (at L, the usage staging), and alone (`alone`: the model rebuilt by itself,
    --full-refresh, on the built warehouse, every bank line matched again)."""
    seconds = _matching_seconds(build)
    alone_seconds = _matching_seconds(alone)
    return {
        "bank_lines": bank_lines,
        "receipts_matched_rows": build["row_counts"].get("int_bank_receipts_matched"),
        "model_seconds": seconds,
        "bank_lines_per_minute": _per_minute(bank_lines, seconds),
        "alone_model_seconds": alone_seconds,
        "alone_bank_lines_per_minute": _per_minute(bank_lines, alone_seconds),
    }


def rating_and_revenue_alone(alone: dict | None, usage_rows: int | None) -> dict | None:
    """The usage extract staged and every revenue model built, in one dbt run by themselves.

    Wall time of the whole dbt invocation (start-up and parsing included) on the built
    warehouse, --full-refresh: every usage row validated, staged and rated again. Inside the full
    build the same models share the two cores with the rest of the close, so their summed node
    times there overstate what rating and revenue cost (both are reported)."""
    if alone is None:
        return None
    nodes = [node for node in alone["nodes"] if node["resource_type"] == "model"]
    staging = sum(node["seconds"] for node in nodes if node["name"] == "stg_metering__usage_checked")
    return {
        "dbt_exit_code": alone["dbt_exit_code"],
        "wall_seconds": alone["wall_seconds"],
        "startup_and_parse_seconds": alone["startup_and_parse_seconds"],
        "models": len(nodes),
        "staging_seconds": round(staging, 3),
        "usage_rows": usage_rows,
        "usage_rows_per_second": round(usage_rows / alone["wall_seconds"]) if usage_rows and alone["wall_seconds"] else None,
        "peak_rss_bytes": alone["peak_rss_bytes"],
        "slowest_models": [[node["name"], node["seconds"]] for node in sorted(nodes, key=lambda node: -node["seconds"])[:5]],
    }


def _model_seconds(run: dict) -> dict[str, float]:
    return {node["name"]: node["seconds"] for node in run["nodes"] if node["resource_type"] == "model"}


def floor_ratios(
    build: dict, floor_results: list[dict], lineages: dict[str, dict[str, str]], lineage_alone: dict[str, dict] | None = None
) -> list[dict]:
    """Project seconds (the schedule's models and their lineage; then with their data tests) over the floor's.

    Read twice: from the full build's node times, where the schedule's models share the two
    cores with the rest of the close, and, when `lineage_alone` holds the run, from the same
    models rebuilt by themselves (`dbt run --full-refresh --threads 1` of the lineage on the built
    warehouse, one model at a time, node times summed, start-up and parsing excluded), as the
    floor's queries run: one at a time, on every core."""
    model_seconds = _model_seconds(build)
    test_seconds: dict[str, float] = {}
    for node in build["nodes"]:
        if node["resource_type"] in ("test", "unit_test") and node.get("attached_model"):
            test_seconds[node["attached_model"]] = test_seconds.get(node["attached_model"], 0.0) + node["seconds"]
    rows = []
    for result in floor_results:
        models = lineages.get(result["schedule"], {})
        timed = sorted(name for name in models if name in model_seconds)
        # the ratios are computed from the seconds as published (to the millisecond), so a
        # reader dividing the table's own figures gets the table's ratio
        project_unrounded = sum(model_seconds[name] for name in timed)
        project = round(project_unrounded, 3)
        with_tests = round(project_unrounded + sum(test_seconds.get(name, 0.0) for name in timed), 3)
        floor_seconds = round(result["seconds"], 3)
        heaviest = sorted(timed, key=lambda name: model_seconds[name], reverse=True)[:5]
        alone_run = (lineage_alone or {}).get(result["schedule"])
        alone_seconds = _model_seconds(alone_run) if alone_run else {}
        alone = round(sum(alone_seconds.get(name, 0.0) for name in models), 3) if alone_run else None
        rows.append(
            {
                "schedule": result["schedule"],
                "floor_seconds": floor_seconds,
                "project_models": timed,
                "project_views": sorted(name for name, kind in models.items() if kind == "view"),
                "project_heaviest_models": [[name, model_seconds[name]] for name in heaviest],
                "project_seconds": project,
                "project_seconds_with_tests": with_tests,
                "ratio": round(project / floor_seconds, 2) if floor_seconds else None,
                "ratio_with_tests": round(with_tests / floor_seconds, 2) if floor_seconds else None,
                "alone_dbt_exit_code": alone_run["dbt_exit_code"] if alone_run else None,
                "alone_models_run": len(alone_seconds),
                "alone_project_seconds": alone,
                "alone_ratio": round(alone / floor_seconds, 2) if alone is not None and floor_seconds else None,
                "alone_heaviest_models": [
                    [name, seconds] for name, seconds in sorted(alone_seconds.items(), key=lambda item: -item[1])[:5]
                ],
            }
        )
    return rows


def write(result: dict, out_dir: Path) -> tuple[Path, Path]:
    """Write <out>/<preset>-<UTC date>.json and .md; returns both paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{result['preset']}-{result['started_at_utc'][:10]}"
    json_path = out_dir / f"{stem}.json"
    markdown_path = out_dir / f"{stem}.md"
    # compact separators: a result with every node stays a few hundred kB
    text = json.dumps(result, indent=1, separators=(",", ":"), default=str)
    json_path.write_text(text + "\n", encoding="utf-8")
    markdown_path.write_text(markdown(result), encoding="utf-8")
    return json_path, markdown_path


def _seconds(value) -> str:
    return "-" if value is None else f"{value:,.2f}"


def _count(value) -> str:
    return "-" if value is None else f"{value:,}"


def _speed_probe_text(machine: dict) -> str:
    """The speed probe at the start and the end of the run (absent from results before session 11)."""
    probes = [(moment, machine.get(f"speed_probe_at_{moment}")) for moment in ("start", "end")]
    measured = [f"{probe['duckdb_seconds']} / {probe['python_seconds']} s at the {moment}" for moment, probe in probes if probe]
    if not measured:
        return ""
    return (
        f"; speed probe (DuckDB hash-sum of {machine_probe.SPEED_PROBE_INTEGERS // 1_000_000} M integers / a Python loop"
        f" of {machine_probe.SPEED_PROBE_PYTHON_STEPS // 1_000_000} M steps; compare results only between runs with similar"
        " probes): " + ", ".join(measured)
    )


def markdown(result: dict) -> str:
    machine = result["machine"]
    build = result["build"]
    lines = [
        f"# Benchmark: preset {result['preset']}, close {result['close_period']}",
        "",
        f"Run {result['started_at_utc']} with `{result['command']}`.",
        "",
        f"Machine: {machine['cpu_model']}, {machine['cpu_cores']} cores, {machine['memory_gb']} GB RAM, "
        f"{machine['os']}, DuckDB {machine['duckdb']}; load average at start "
        f"{' / '.join(str(value) for value in machine['load_average_at_start'])} (1/5/15 min)"
        f"{_speed_probe_text(machine)}. "
        f"dbt threads {result['settings']['threads']} ({result['settings'].get('lineage_alone_threads', result['settings']['threads'])}"
        f" for each schedule's lineage rebuilt alone), DuckDB memory limit {result['settings']['memory_limit']}.",
        "",
    ]
    for warning in result["warnings"]:
        lines.append(f"> **Warning:** {warning}")
        lines.append("")
    extract_rows = result["extracts"]["row_counts"]
    lines += targets.markdown(result["targets"])
    lines += [
        "## Build",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| wall time (`dbt build` subprocess) | {_seconds(build['wall_seconds'])} s |",
        f"| of which dbt start-up and parsing | {_seconds(build.get('startup_and_parse_seconds'))} s |",
        f"| sum of node times (threads overlap) | {_seconds(build['node_seconds_total'])} s |",
        f"| peak memory (dbt process, ru_maxrss) | {gb(build['peak_rss_bytes'])} |",
        f"| peak memory (process tree, sampled) | {gb(build['peak_tree_rss_bytes'])} |",
        f"| nodes by status | {', '.join(f'{key} {value}' for key, value in build['node_status_counts'].items())} |",
        f"| dbt exit code | {build['dbt_exit_code']} |",
        f"| extract columns (Parquet) | {result['extracts'].get('parquet_column_types', 'text')} |",
        f"| usage rows / bank lines / assets / leases in the extracts | {_count(extract_rows.get('metering/usage'))} / "
        f"{_count(extract_rows.get('bank/bank_transactions'))} / {_count(extract_rows.get('erp/fixed_assets'))} / "
        f"{_count(extract_rows.get('leases/lease_contracts'))} |",
        "",
        f"## The {TOP_NODES} slowest nodes",
        "",
        "| node | type | area | seconds | status |",
        "| --- | --- | --- | ---: | --- |",
    ]
    for node in result["slowest_nodes"]:
        lines.append(f"| {node['name']} | {node['resource_type']} | {node['area']} | {_seconds(node['seconds'])} | {node['status']} |")
    lines += ["", "## Time by area", "", "| area | kind | seconds |", "| --- | --- | ---: |"]
    for row in result["seconds_by_area"]:
        lines.append(f"| {row['area']} | {row['kind']} | {_seconds(row['seconds'])} |")
    lines += ["", "## Heavy models", "", "| model | rows | seconds | rows/s |", "| --- | ---: | ---: | ---: |"]
    for row in result["heavy_models"]:
        lines.append(f"| {row['model']} | {_count(row['rows'])} | {_seconds(row['seconds'])} | {_count(row['rows_per_second'])} |")
    matching = result["matching_throughput"]
    lines += [
        "",
        f"Bank matching: {_count(matching['bank_lines'])} bank lines through `int_bank_receipts_matched` in "
        f"{_seconds(matching['model_seconds'])} s within the full build = **{_count(matching['bank_lines_per_minute'])} lines "
        f"per minute**; rebuilt alone on the built warehouse, {_seconds(matching.get('alone_model_seconds'))} s = "
        f"**{_count(matching.get('alone_bank_lines_per_minute'))} lines per minute**.",
        "",
    ]
    rating = result.get("rating_and_revenue_alone")
    if rating:
        slowest = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in rating["slowest_models"])
        lines += [
            f"Usage rating and revenue alone: {_count(rating['usage_rows'])} usage rows validated, staged and rated, and "
            f"{rating['models']} models built, in **{_seconds(rating['wall_seconds'])} s wall** (one `dbt run --full-refresh` on the "
            f"built warehouse, {_seconds(rating['startup_and_parse_seconds'])} s of it dbt start-up and parsing; exit "
            f"{rating['dbt_exit_code']}); slowest: {slowest}.",
            "",
        ]
    floor = result.get("floor")
    if floor:
        lines += [
            "## Compute floor (plain DuckDB on the same files)",
            "",
            "| schedule | floor s | project s (models, alone) | ratio (alone) | project s (models, in the build) | ratio (in the build)"
            " | project s (+ tests, in the build) | ratio (+ tests) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in floor["ratios"]:
            lines.append(
                f"| {row['schedule']} | {_seconds(row['floor_seconds'])} | {_seconds(row.get('alone_project_seconds'))} | "
                f"{row.get('alone_ratio') if row.get('alone_ratio') is not None else '-'} | {_seconds(row['project_seconds'])} | "
                f"{row['ratio']} | {_seconds(row['project_seconds_with_tests'])} | {row['ratio_with_tests']} |"
            )
        lines += [
            "",
            "Project time = the schedule's models and every model upstream of them (views cost nothing"
            " themselves: whoever reads them pays), as node times summed: alone = the lineage rebuilt by itself"
            " (`dbt run --full-refresh --threads 1`: one model at a time, start-up and parsing excluded), as the floor runs; in the build = the same"
            " models inside the full build, sharing the two cores with the rest of the close. Heaviest models per"
            " schedule (in the build):",
            "",
        ]
        for row in floor["ratios"]:
            heaviest = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in row["project_heaviest_models"])
            views = f"; views: {', '.join(row['project_views'])}" if row["project_views"] else ""
            lines.append(f"- {row['schedule']} ({len(row['project_models'])} models): {heaviest}{views}")
        lines += ["", "Control totals (floor vs project):", "", "| schedule | control | floor | project | difference |", "| --- | --- | ---: | ---: | ---: |"]
        for schedule, controls in floor["controls"].items():
            for control, values in controls.items():
                if "error" in values:
                    lines.append(f"| {schedule} | {control} | error | {values['error']} | - |")
                else:
                    mark = "" if values["agrees"] else " **DIFFERS**"
                    lines.append(f"| {schedule} | {control} | {values['floor']} | {values['project']} | {values['difference']}{mark} |")
        lines.append("")
    incremental = result.get("incremental")
    if incremental:
        lines += [
            "## Incremental close",
            "",
            "| build | close | wall s | peak memory | exit |",
            "| --- | --- | ---: | --- | --- |",
        ]
        for run in incremental["runs"]:
            lines.append(
                f"| {run['label']} | {run['close_period']} | {_seconds(run['wall_seconds'])} | {gb(run['peak_rss_bytes'])} | {run['dbt_exit_code']} |"
            )
        lines += [
            "",
            f"Month N+1 after month N: {_seconds(incremental['incremental_seconds'])} s against a full rebuild "
            f"{_seconds(incremental['full_rebuild_seconds'])} s (ratio {incremental['incremental_to_full_ratio']}). "
            f"Marts identical between the two: {incremental['marts_identical']}"
            + (f" (differ: {', '.join(incremental['marts_differing'])})" if incremental["marts_differing"] else "")
            + ".",
            "",
            "Slowest nodes of the incremental build:",
            "",
            "| node | area | seconds |",
            "| --- | --- | ---: |",
        ]
        for node in incremental["incremental_slowest_nodes"]:
            lines.append(f"| {node['name']} | {node['area']} | {_seconds(node['seconds'])} |")
        lines.append("")
    return "\n".join(lines)
