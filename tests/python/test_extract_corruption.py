"""Corrupting every extract in every way the contract forbids gives a failing control that
names the extract, the row and the reason, and loses no row (raw = staged + exceptions).

The demo extracts are copied to a directory of extract files; row i of each extract gets the
i-th corruption that applies to it (missing key, duplicate key, unknown foreign key,
unparseable date, unparseable amount, negative amount, end before start, unknown enum value),
and the staging layer is built from that directory.
"""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from infra_accounting.contract import ExtractSpec, load_contract
from tests.python.conftest import build_warehouse

NUMERIC_TYPES = ("money", "rate", "quantity", "integer")


@dataclass(frozen=True)
class Corruption:
    extract: str
    row_number: int  # 1-based data line, as source_row_number
    kind: str
    expected_reason: str


def _corruptions_for(spec: ExtractSpec, rows: list[dict]) -> tuple[list[dict], list[Corruption]]:
    """Apply each applicable corruption to a different row; return the new rows and what to expect."""
    columns = {column.name: column for column in spec.columns}
    candidates = []
    candidates.append(("missing_key", lambda row: row.update({spec.key[0]: ""}), f"{spec.key[0]} is missing"))
    fk_column = next((column for column in spec.columns if column.fk), None)
    if fk_column:
        candidates.append(("unknown_fk", lambda row: row.update({fk_column.name: "ZZ-UNKNOWN"}),
                           f"{fk_column.name} 'ZZ-UNKNOWN' is not a known"))
    date_column = next((column for column in spec.columns if column.type == "date" and column.name not in spec.key), None)
    if date_column:
        candidates.append(("bad_date", lambda row: row.update({date_column.name: "2025-13-45"}),
                           f"{date_column.name} '2025-13-45' is not a date"))
    number_column = next((column for column in spec.columns if column.type in NUMERIC_TYPES and column.name not in spec.key), None)
    if number_column:
        candidates.append(("bad_amount", lambda row: row.update({number_column.name: "12O.5x"}),
                           f"{number_column.name} '12O.5x' is not"))
    negative_column = next((column for column in spec.columns if column.type == "money" and column.name not in spec.key
                            and column.minimum == 0), None)
    if negative_column:
        candidates.append(("negative", lambda row: row.update({negative_column.name: "-1.00"}),
                           f"{negative_column.name} -1.00 is negative"))
    if spec.date_order:
        earlier, later = spec.date_order[0]
        candidates.append(("end_before_start", lambda row: row.update({earlier: "2030-01-01", later: "2029-12-31"}),
                           f"{later} 2029-12-31 is before {earlier} 2030-01-01"))
    enum_column = next((column for column in spec.columns if column.enum and column.name not in spec.key), None)
    if enum_column:
        candidates.append(("unknown_enum", lambda row: row.update({enum_column.name: "not_a_value"}),
                           f"{enum_column.name} 'not_a_value' is not one of"))
    corruptions = []
    for index, (kind, apply, reason) in enumerate(candidates):
        if index >= len(rows):
            break
        apply(rows[index])
        corruptions.append(Corruption(spec.qualified_name, index + 1, kind, reason))
    # Duplicate key with conflicting values: a copy of the last row with one value changed.
    if len(rows) > len(candidates):
        duplicate = dict(rows[-1])
        changed = next(name for name in reversed(list(columns)) if name not in spec.key)
        duplicate[changed] = (duplicate[changed] or "") + "9"
        rows.append(duplicate)
        corruptions.append(Corruption(spec.qualified_name, len(rows), "duplicate_key", "duplicate key ("))
        corruptions.append(Corruption(spec.qualified_name, len(rows) - 1, "duplicate_key", "duplicate key ("))
    return rows, corruptions


def _write_corrupted_extracts(project_root: Path, directory: Path) -> list[Corruption]:
    expected = []
    for spec in load_contract().values():
        source = project_root / "seeds" / spec.source / f"{spec.name}.csv"
        with source.open(newline="", encoding="utf-8") as handle:
            # Optional contract columns an extract may omit arrive empty (raw_extract does the same).
            rows = [{name: row.get(name) or "" for name in spec.column_names} for row in csv.DictReader(handle)]
        rows, corruptions = _corruptions_for(spec, rows)
        expected += corruptions
        target = directory / spec.source / f"{spec.name}.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=spec.column_names)
            writer.writeheader()
            writer.writerows(rows)
    return expected


@pytest.fixture(scope="module")
def corrupted_build(tmp_path_factory, project_root):
    extracts = tmp_path_factory.mktemp("corrupted_extracts")
    expected = _write_corrupted_extracts(project_root, extracts)
    built = build_warehouse(tmp_path_factory.mktemp("corrupted_build"), extracts_dir=extracts, select="staging")
    return built, expected


def test_every_corruption_is_reported_with_extract_row_and_reason(corrupted_build):
    built, expected = corrupted_build
    exceptions = built.query("select extract_name, source_row_number, exception_reason from staging.stg_extract_exceptions")
    reasons = {(extract, row): reason for extract, row, reason in exceptions}
    missing = [
        (corruption.extract, corruption.row_number, corruption.kind, corruption.expected_reason)
        for corruption in expected
        if corruption.expected_reason not in reasons.get((corruption.extract, corruption.row_number), "")
    ]
    assert missing == []
    kinds = {corruption.kind for corruption in expected}
    assert kinds == {"missing_key", "unknown_fk", "bad_date", "bad_amount", "negative", "end_before_start",
                     "unknown_enum", "duplicate_key"}
    assert {corruption.extract for corruption in expected} == set(load_contract())


def test_corruption_fails_the_close_with_a_control_per_extract(corrupted_build):
    built, expected = corrupted_build
    assert built.exit_code != 0
    results = json.loads((built.target_path / "run_results.json").read_text())["results"]
    failed_controls = {result["unique_id"] for result in results if result["status"] == "fail"}
    for extract in {corruption.extract for corruption in expected}:
        control = "extract_has_no_exceptions_stg_extract_row_conservation_" + extract.replace("/", "_")
        assert any(control in unique_id for unique_id in failed_controls), extract


def test_no_row_is_lost(corrupted_build, tmp_path_factory):
    built, _ = corrupted_build
    rows = built.query(
        "select extract_name, raw_row_count, staged_row_count, exception_row_count, unaccounted_row_count"
        " from staging.stg_extract_row_conservation"
    )
    assert len(rows) == len(load_contract())
    assert all(row[4] == 0 and row[1] == row[2] + row[3] for row in rows), rows


def test_missing_required_column_names_the_extract(tmp_path, project_root):
    extracts = tmp_path / "extracts"
    shutil.copytree(project_root / "seeds", extracts, ignore=shutil.ignore_patterns("*.yml"))
    path = extracts / "erp" / "fixed_assets.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fieldnames = [name for name in rows[0] if name != "cost"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fieldnames, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    built = build_warehouse(tmp_path / "build", extracts_dir=extracts, select="stg_erp__fixed_assets")
    assert built.exit_code != 0
    results = json.loads((built.target_path / "run_results.json").read_text())["results"]
    messages = " ".join(result.get("message") or "" for result in results)
    assert "Extract erp/fixed_assets is missing required column(s): cost" in messages
