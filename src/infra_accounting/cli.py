"""`infra-close`: run the month-end close and the project's maintenance commands."""

from __future__ import annotations

import argparse
import sys

from infra_accounting import close_summary, staging_codegen
from infra_accounting.dbt_invocation import DbtRun, run_dbt

DEFAULT_CLOSE_PERIOD = "2026-10"


def _close(arguments: argparse.Namespace) -> int:
    run = DbtRun(
        command="build",
        close_period=arguments.month,
        target=arguments.target,
        extracts_dir=arguments.extracts_dir,
        extracts_format=arguments.extracts_format,
        select=arguments.select,
    )
    try:
        exit_code = run_dbt(run, quiet=arguments.quiet)
    except ValueError as error:
        print(f"infra-close: {error}", file=sys.stderr)
        return 2
    print(close_summary.render_summary(arguments.month))
    return exit_code


def _generate_staging(_: argparse.Namespace) -> int:
    for path in staging_codegen.generate():
        print(f"wrote {path}")
    return 0


def _demo(arguments: argparse.Namespace) -> int:
    from infra_accounting.demo.__main__ import main as demo_main

    return demo_main(arguments.demo_arguments) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="infra-close", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    close = commands.add_parser("close", help="Run the close (dbt build) for a month and print the close summary.")
    close.add_argument("--month", default=DEFAULT_CLOSE_PERIOD, help="Month to close, YYYY-MM (default: %(default)s).")
    close.add_argument("--target", default="dev", help="dbt target in profiles.yml (default: %(default)s).")
    close.add_argument("--extracts-dir", help="Read the month's extract files from this directory instead of seeds/.")
    close.add_argument("--extracts-format", default="csv", choices=["csv", "parquet"])
    close.add_argument("--select", help="dbt node selection (default: everything).")
    close.add_argument("--quiet", action="store_true", help="Hide dbt's own log; print only the summary.")
    close.set_defaults(handler=_close)

    generate = commands.add_parser("generate-staging", help="Regenerate seed and staging YAML from the extract contract.")
    generate.set_defaults(handler=_generate_staging)

    demo = commands.add_parser("demo", help="Generate the demo company extracts (see `infra-close demo -- --help`).")
    demo.add_argument("demo_arguments", nargs=argparse.REMAINDER)
    demo.set_defaults(handler=_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    return arguments.handler(arguments)


if __name__ == "__main__":
    sys.exit(main())
