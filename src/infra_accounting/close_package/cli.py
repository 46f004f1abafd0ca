"""`infra-close-package`: write the close package of a month from the published snapshot.

    infra-close-package --month 2026-10            # workbook + dbt docs site
    infra-close-package --month 2026-10 --no-docs  # workbook only

Writes output/close_package/close_package_<YYYY-MM>.xlsx and the static dbt docs site
(lineage and column docs; index.html and static_index.html, a single file that opens
without a server) into output/docs/. Both read the published snapshot, never the live
warehouse: the docs catalog is generated from a private copy of the snapshot.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from infra_accounting.close_package.workbook import build_workbook, close_month_of
from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dashboard.data import SnapshotReader
from infra_accounting.dbt_invocation import CLOSE_PERIOD_PATTERN, CLOSE_PERIOD_VARIABLE, dbt_environment, dbt_executable
from infra_accounting.publish import snapshot_path

DEFAULT_OUTPUT = PROJECT_ROOT / "output"


def parse_month(text: str) -> date:
    if not CLOSE_PERIOD_PATTERN.match(text):
        raise ValueError(f"The month must be YYYY-MM (for example 2026-10), got {text!r}")
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def generate_docs(snapshot: Path, docs_directory: Path, close_period: str) -> int:
    """`dbt docs generate --static` against a private copy of the snapshot."""
    with SnapshotReader.open(snapshot) as reader:
        found = reader.rows("select source_catalog from published.snapshot_info") if reader.has("published.snapshot_info") else []
    catalog = found[0][0] if found and found[0][0] else "infra_accounting"
    with tempfile.TemporaryDirectory(prefix="close-package-docs-") as scratch:
        copy = Path(scratch) / f"{catalog}.duckdb"
        shutil.copyfile(snapshot, copy)
        environment = dbt_environment(INFRA_WAREHOUSE_PATH=str(copy), **{CLOSE_PERIOD_VARIABLE: close_period})
        argv = [
            dbt_executable(), "docs", "generate", "--static",
            "--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT),
            "--target-path", str(docs_directory), "--log-path", str(Path(scratch) / "logs"),
        ]
        completed = subprocess.run(argv, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL, check=False)
        if completed.returncode != 0:
            # A model the snapshot's close did not build cannot compile against it (the project
            # moved on since the close): document the project without compiled SQL instead.
            print("infra-close-package: compiling against the snapshot failed; writing the docs without compiled SQL", file=sys.stderr)
            parse = [argument if argument != "generate" else "parse" for argument in argv if argument not in ("docs", "--static")]
            subprocess.run(parse, cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL, check=False)
            completed = subprocess.run(argv + ["--no-compile"], cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL, check=False)
    return completed.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="infra-close-package", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--month", help="Month, YYYY-MM (default: the snapshot's close period).")
    parser.add_argument("--snapshot", type=Path, default=None, help="Published snapshot (default: %(default)s -> INFRA_SNAPSHOT_PATH or warehouse/published/).")
    parser.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT, help="Where to write close_package/ and docs/ (default: output/).")
    parser.add_argument("--no-docs", action="store_true", help="Skip the dbt docs site.")
    arguments = parser.parse_args(argv)
    snapshot = arguments.snapshot or snapshot_path()
    try:
        with SnapshotReader.open(snapshot) as reader:
            month = parse_month(arguments.month) if arguments.month else close_month_of(reader)
            if month is None:
                print("infra-close-package: the snapshot has no close period; pass --month.", file=sys.stderr)
                return 2
            output = arguments.output_dir / "close_package" / f"close_package_{month:%Y-%m}.xlsx"
            path, sheets = build_workbook(reader, month, output)
    except (FileNotFoundError, ValueError) as error:
        print(f"infra-close-package: {error}", file=sys.stderr)
        return 2
    print(f"wrote {path} ({len(sheets)} report sheets: {', '.join(sheet.sheet_name for sheet in sheets)})")
    if arguments.no_docs:
        return 0
    docs = arguments.output_dir / "docs"
    code = generate_docs(snapshot, docs, f"{month:%Y-%m}")
    if code != 0:
        print(f"infra-close-package: dbt docs generate failed (exit {code})", file=sys.stderr)
        return code
    print(f"wrote {docs / 'static_index.html'} (dbt docs site: lineage and column docs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
