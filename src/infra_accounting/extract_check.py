"""Pre-flight check of a directory of extract files, before the close reads them.

`check_extracts(directory)` reads every extract the contract names
(<directory>/<source>/<extract>.csv) as bytes and returns one accountant-readable sentence
per problem, each naming the extract: file missing, empty (no header line), not UTF-8,
header with missing, unknown or repeated column names, rows with more or fewer fields than
the header (a value containing an unquoted comma), and the row count of the file so the
staging row conservation (raw = staged + exceptions) can be checked against the file.

Nothing in a file is evaluated: the check only decodes and splits text. Column order is
free (staging matches columns by name), so a reordered header is not a problem.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from infra_accounting.contract import ExtractSpec, load_contract

MAX_LISTED_LINES = 5


@dataclass
class ExtractFileReport:
    """What the pre-flight found in one extract file."""

    extract: str
    path: Path
    problems: list[str] = field(default_factory=list)
    data_rows: int | None = None  # rows after the header, as a CSV reader counts them


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(number) for number in numbers[:MAX_LISTED_LINES])
    more = len(numbers) - MAX_LISTED_LINES
    return shown + (f" and {more} more" if more > 0 else "")


def check_extract_file(spec: ExtractSpec, path: Path) -> ExtractFileReport:
    """Check one CSV extract file against its contract."""
    label = spec.qualified_name
    report = ExtractFileReport(extract=label, path=path)
    if not path.exists():
        report.problems.append(
            f"Extract {label} was not delivered: no file at {path}. Every extract of the contract must be present "
            "(an extract with no rows is its header line only)."
        )
        return report
    content = path.read_bytes()
    if not content.strip():
        report.problems.append(
            f"Extract {label} is an empty file ({len(content)} bytes) at {path}: it has no header line, so its columns "
            "cannot be checked. An extract with no rows must still have its header line."
        )
        return report
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        report.problems.append(
            f"Extract {label} is not UTF-8 text (byte 0x{content[error.start]:02x} on line {line}; for example a "
            "spreadsheet saved as Windows-1252): save it as CSV UTF-8 and deliver it again."
        )
        return report
    if "\x00" in text:
        report.problems.append(f"Extract {label} contains NUL bytes: it is not a text CSV file.")
        return report
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        report.problems.append(f"Extract {label} is not a well-formed CSV file ({error}); check its quoting.")
        return report
    header = [name.strip().lower() for name in rows[0]]
    expected = spec.column_names
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        report.problems.append(f"Extract {label} repeats column(s) in its header: {', '.join(repeated)}.")
    missing_required = [column.name for column in spec.columns if column.required and column.name not in header]
    if missing_required:
        report.problems.append(
            f"Extract {label} is missing required column(s): {', '.join(missing_required)} "
            f"(the contract's columns are in docs/extracts.md; found: {', '.join(header)})."
        )
    missing_optional = [column.name for column in spec.columns if not column.required and column.name not in header]
    unknown = [name for name in header if name not in expected]
    if unknown:
        hint = f"; missing optional column(s): {', '.join(missing_optional)}" if missing_optional else ""
        report.problems.append(
            f"Extract {label} has column(s) not in its contract, which would be ignored: {', '.join(unknown)} "
            f"(a renamed column?{hint})."
        )
    data = [row for row in rows[1:] if row != []]  # a blank line is not a row
    ragged = [number + 2 for number, row in enumerate(rows[1:]) if row != [] and len(row) != len(header)]
    if ragged:
        report.problems.append(
            f"Extract {label} has {len(ragged)} row(s) whose number of fields differs from the header's "
            f"{len(header)} (line(s) {_lines(ragged)}): a value with an unquoted comma, or a missing field."
        )
    report.data_rows = len(data)
    return report


def check_extract_files(directory: Path) -> list[ExtractFileReport]:
    """One report per extract of the contract, in contract order."""
    directory = Path(directory)
    return [
        check_extract_file(spec, directory / spec.source / f"{spec.name}.csv") for spec in load_contract().values()
    ]


def check_extracts(directory: Path) -> list[str]:
    """Accountant-readable problems of the CSV extracts in `directory` (empty list: good to close)."""
    return [problem for report in check_extract_files(directory) for problem in report.problems]


def main(argv: list[str] | None = None) -> int:
    """`python -m infra_accounting.extract_check DIRECTORY`: list the problems, exit 1 if any."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("directory", type=Path)
    arguments = parser.parse_args(argv)
    problems = check_extracts(arguments.directory)
    for problem in problems:
        print(problem)
    if not problems:
        print(f"All {len(load_contract())} extracts in {arguments.directory} pass the pre-flight check.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
