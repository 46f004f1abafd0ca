"""`infra-close`: run the month-end close and the project's maintenance commands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from infra_accounting import close_summary, staging_codegen
from infra_accounting.close import netsuite, posted_history
from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun, posted_history_path, run_dbt, warehouse_path
from infra_accounting.extract_check import check_extracts
from infra_accounting.publish import publish_snapshot, snapshot_path

DEFAULT_CLOSE_PERIOD = "2026-10"


def _close(arguments: argparse.Namespace) -> int:
    if arguments.extracts_dir and arguments.extracts_format == "csv":
        problems = check_extracts(Path(arguments.extracts_dir))
        if problems:
            print("infra-close: the extracts cannot be closed as delivered; nothing was run:", file=sys.stderr)
            for problem in problems:
                print(f"  - {problem}", file=sys.stderr)
            return 2
    run = DbtRun(
        command="build",
        close_period=arguments.month,
        target=arguments.target,
        extracts_dir=arguments.extracts_dir,
        extracts_format=arguments.extracts_format,
        select=arguments.select,
        full_refresh=arguments.full_refresh,
    )
    try:
        exit_code = run_dbt(run, quiet=arguments.quiet)
    except ValueError as error:
        print(f"infra-close: {error}", file=sys.stderr)
        return 2
    print(close_summary.render_summary(arguments.month))
    failed = [control for control in close_summary.control_results() if control.status in ("fail", "error")]
    if exit_code != 0 or failed:
        print("infra-close: the close stopped; nothing was posted (fix what failed above and run again).")
        return exit_code or 1
    if arguments.select:
        print("infra-close: a partial build (--select) is not a close; nothing was posted.")
        return exit_code
    history = posted_history.write_close_month(warehouse_path(), arguments.month, posted_history_path())
    export = netsuite.export(warehouse_path(), arguments.month, Path(arguments.output_dir))
    snapshot = publish_snapshot(
        warehouse_path(),
        snapshot_path(),
        close_period=arguments.month,
        run_results=PROJECT_ROOT / "target" / "run_results.json",
        manifest=PROJECT_ROOT / "target" / "manifest.json",
    )
    print(f"Posted history: {history}")
    print(f"NetSuite journal import: {export}")
    print(f"Published for dashboards and the close package: {snapshot}")
    return exit_code


def _export_netsuite(arguments: argparse.Namespace) -> int:
    path = netsuite.export(warehouse_path(), arguments.month, Path(arguments.output_dir))
    print(f"wrote {path}")
    return 0


def _post_demo_history(_: argparse.Namespace) -> int:
    from infra_accounting.close import demo_history

    summary = demo_history.post_demo_history()
    print(json.dumps(summary, indent=2))
    return 0 if summary["dbt_exit_code"] == 0 else 1


def _generate_staging(_: argparse.Namespace) -> int:
    for path in staging_codegen.generate():
        print(f"wrote {path}")
    return 0


def _demo(arguments: argparse.Namespace) -> int:
    from infra_accounting.demo.__main__ import main as demo_main

    return demo_main(arguments.demo_arguments) or 0


def _benchmark(arguments: argparse.Namespace) -> int:
    from infra_accounting.benchmark import command

    return command.main(arguments, arguments.argv)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="infra-close", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    close = commands.add_parser("close", help="Run the close (dbt build) for a month and print the close summary.")
    close.add_argument("--month", default=DEFAULT_CLOSE_PERIOD, help="Month to close, YYYY-MM (default: %(default)s).")
    close.add_argument("--target", default="dev", help="dbt target in profiles.yml (default: %(default)s).")
    close.add_argument("--extracts-dir", help="Read the month's extract files from this directory instead of seeds/.")
    close.add_argument("--extracts-format", default="csv", choices=["csv", "parquet"])
    close.add_argument("--select", help="dbt node selection (default: everything).")
    close.add_argument(
        "--full-refresh",
        action="store_true",
        help="Recompute the incremental schedules from all months of the extracts instead of only the open months"
        " (after a code change, a corrected closed month, or late data older than the lookback).",
    )
    close.add_argument("--quiet", action="store_true", help="Hide dbt's own log; print only the summary.")
    close.add_argument("--output-dir", default="output", help="Where the NetSuite import file goes (default: %(default)s).")
    close.set_defaults(handler=_close)

    export = commands.add_parser("export-netsuite", help="Write fct_journal_entries as a NetSuite journal-entry CSV import.")
    export.add_argument("--month", default=DEFAULT_CLOSE_PERIOD, help="Close month, YYYY-MM (names the file).")
    export.add_argument("--output-dir", default="output", help="Output directory (default: %(default)s).")
    export.set_defaults(handler=_export_netsuite)

    history = commands.add_parser(
        "post-demo-history",
        help="Post the subledgers' journal lines of the ERP's closed months into seeds/erp/gl_entries.csv (demo).",
    )
    history.set_defaults(handler=_post_demo_history)

    generate = commands.add_parser("generate-staging", help="Regenerate seed and staging YAML from the extract contract.")
    generate.set_defaults(handler=_generate_staging)

    benchmark = commands.add_parser(
        "benchmark",
        help="Build the close on a scale preset (S, M, L) and measure it: time per node, peak memory, rows/s, "
        "the compute floor (docs/benchmarks.md).",
    )
    from infra_accounting.benchmark.command import add_arguments

    add_arguments(benchmark)
    benchmark.set_defaults(handler=_benchmark)

    demo = commands.add_parser("demo", help="Generate the demo company extracts (see `infra-close demo -- --help`).")
    demo.add_argument("demo_arguments", nargs=argparse.REMAINDER)
    demo.set_defaults(handler=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    arguments.argv = list(sys.argv[1:] if argv is None else argv)
    return arguments.handler(arguments)


if __name__ == "__main__":
    sys.exit(main())
