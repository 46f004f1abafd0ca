"""Hostile and malformed extracts: a clear message naming the extract, no row lost, nothing
executed, no full bank account number kept (Hypothesis).

Three layers are attacked:
- the pre-flight (`infra_accounting.extract_check.check_extracts`), with rich Hypothesis
  properties over generated files (pure Python, fast);
- the staging engine (macros/staging) with ONE dbt build of every extract made hostile at
  once (columns reordered, renamed-away optional columns, extra columns, wrong types, huge
  numbers, SQL- and formula-looking text, non-ASCII text, exact and conflicting duplicate
  rows, full bank account numbers): row conservation raw = staged + exceptions against the
  row count of the file itself, every bad value reported against its extract and column,
  SQL text kept as data, bank numbers masked everywhere in the warehouse;
- file-level faults (empty file, not UTF-8, missing file, a ragged row) with a small dbt
  build: each stops with a message naming the extract.

The number of generated dbt-backed examples is INFRA_HOSTILE_EXAMPLES (default 1, to keep
the suite short; scripts/fault-drill runs more).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infra_accounting.contract import ExtractSpec, load_contract
from infra_accounting.extract_check import check_extract_file, check_extracts
from tests.python.conftest import build_warehouse

CONTRACT = load_contract()
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SQL_PAYLOADS = (
    "'); drop table staging.stg_erp__fixed_assets; --",
    "x'; delete from staging.stg_extract_exceptions where '1'='1",
    "{{ exceptions.raise_compiler_error('jinja ran') }}",
    "$(touch /tmp/infra_accounting_payload_ran)",
)
FORMULA_PAYLOADS = ("=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+HYPERLINK(\"http://x\")", "-1+2")
ODD_TEXT = ("Zürich AG – ünïcødé", "名前株式会社", "\u200bzero width", "emoji 🚀 GPU", "tab\tinside", "line\nbreak")
HUGE_NUMBERS = ("1e400", "99999999999999999999999.99", "NaN", "Infinity", "-1e309", "12.345.678,90")
BAD_DATES = ("31/12/2026", "2026-02-30", "20261301", "yesterday")
FULL_BANK_NUMBER = "021000021987654321"  # routing + account digits as a bank portal exports them


def _rows(spec: ExtractSpec) -> list[dict]:
    with (SEEDS / spec.source / f"{spec.name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _free_text_columns(spec: ExtractSpec) -> list[str]:
    """Text columns a hostile value can sit in without breaking another rule (key, fk, enum)."""
    return [
        column.name for column in spec.columns
        if column.type == "text" and not column.fk and not column.enum and column.name not in spec.key
        and not column.required
    ]


def _write(path: Path, header: list[str], rows: list[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


# ---------------------------------------------------------------------------------------
# Pre-flight: rich properties, no dbt
# ---------------------------------------------------------------------------------------
SMALL_EXTRACTS = [spec for spec in CONTRACT.values() if 0 < len(_rows(spec)) <= 400]


@st.composite
def reshaped_extract(draw):
    """A real extract with its header reordered and maybe a column dropped, renamed or added."""
    spec = draw(st.sampled_from(SMALL_EXTRACTS))
    header = draw(st.permutations(spec.column_names))
    change = draw(st.sampled_from(["none", "drop", "rename", "extra"]))
    dropped = renamed = extra = None
    if change == "drop":
        dropped = draw(st.sampled_from(header))
        header = [name for name in header if name != dropped]
    elif change == "rename":
        renamed = draw(st.sampled_from(header))
        header = [name + "_renamed" if name == renamed else name for name in header]
    elif change == "extra":
        extra = "zz_" + draw(st.text("abcdefghij", min_size=1, max_size=6))
        header = header + [extra]
    return spec, header, dropped, renamed, extra


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reshaped_extract())
def test_preflight_names_the_extract_and_every_header_problem(tmp_path_factory, case):
    spec, header, dropped, renamed, extra = case
    rows = _rows(spec)
    rename_map = {renamed: renamed + "_renamed"} if renamed else {}
    written = [{rename_map.get(key, key): value for key, value in row.items()} for row in rows]
    path = tmp_path_factory.mktemp("preflight") / f"{spec.name}.csv"
    _write(path, header, written)
    report = check_extract_file(spec, path)
    assert all(spec.qualified_name in problem for problem in report.problems)
    assert report.data_rows == len(rows)  # multi-line quoted values are still one row each
    required = {column.name for column in spec.columns if column.required}
    lost = dropped or renamed
    if lost in required:
        assert any(f"missing required column(s): {lost}" in problem for problem in report.problems)
    if renamed or extra:
        assert any("not in its contract" in problem for problem in report.problems)
    if not (lost or extra):
        assert report.problems == []  # column order alone is never a problem


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(SMALL_EXTRACTS),
    st.sampled_from(["empty", "blank", "latin1", "binary", "ragged"]),
    st.binary(min_size=1, max_size=40),
)
def test_preflight_reports_broken_files_by_name(tmp_path_factory, spec, fault, noise):
    path = tmp_path_factory.mktemp("broken") / f"{spec.name}.csv"
    header = ",".join(spec.column_names)
    if fault == "empty":
        path.write_bytes(b"")
        expected = "is an empty file"
    elif fault == "blank":
        path.write_bytes(b"\n \r\n")
        expected = "is an empty file"
    elif fault == "latin1":
        path.write_bytes((header + "\n").encode() + "Société Générale, caf\xe9".encode("cp1252") + b"\n")
        expected = "is not UTF-8 text"
    elif fault == "binary":
        path.write_bytes((header + "\n").encode() + b"\xff\xfe" + noise)
        expected = "is not UTF-8 text"
    else:
        path.write_bytes((header + "\n" + ",".join(["1"] * (len(spec.column_names) + 1)) + "\n").encode())
        expected = "number of fields differs"
    problems = check_extract_file(spec, path).problems
    assert problems and all(spec.qualified_name in problem for problem in problems)
    assert any(expected in problem for problem in problems), problems


def test_preflight_passes_the_demo_extracts():
    assert check_extracts(SEEDS) == []


# ---------------------------------------------------------------------------------------
# Staging engine: one dbt build of every extract made hostile
# ---------------------------------------------------------------------------------------
def _make_hostile(draw, spec: ExtractSpec, rows: list[dict]) -> tuple[list[str], list[dict], list[tuple[int, str, str]]]:
    """Hostile header and rows of one extract, and the (row, column, reason fragment) expected."""
    columns = {column.name: column for column in spec.columns}
    header = draw(st.permutations(spec.column_names))
    optional = [name for name in header if not columns[name].required]
    if optional and draw(st.booleans()):
        header = [name for name in header if name != draw(st.sampled_from(optional))]  # optional column not delivered
    if draw(st.booleans()):
        header = header + ["zz_not_in_contract"]
    expected = []
    if not rows:
        return header, rows, expected
    rows = [dict(row, zz_not_in_contract="=cmd|' /C calc'!A0") for row in rows]
    free_text = [name for name in _free_text_columns(spec) if name in header]
    for name in free_text[:2]:
        for index in draw(st.lists(st.integers(0, len(rows) - 1), max_size=3)):
            rows[index][name] = draw(st.sampled_from(SQL_PAYLOADS + FORMULA_PAYLOADS + ODD_TEXT))
    numbers = [name for name in header if columns[name].type in ("money", "rate", "quantity", "integer")
               and name not in spec.key]
    if numbers:
        index = draw(st.integers(0, len(rows) - 1))
        name = draw(st.sampled_from(numbers))
        value = draw(st.sampled_from(HUGE_NUMBERS))
        rows[index][name] = value
        expected.append((index, name, f"{name} '{value}' is not"))
    dates = [name for name in header if columns[name].type == "date" and name not in spec.key]
    if dates and len(rows) > 1:
        index = draw(st.integers(0, len(rows) - 1))
        if index not in [row for row, _, _ in expected]:
            name = draw(st.sampled_from(dates))
            value = draw(st.sampled_from(BAD_DATES))
            rows[index][name] = value
            expected.append((index, name, f"{name} '{value}' is not a date"))
    if len(rows) > 3 and draw(st.booleans()):
        rows.append(dict(rows[1]))  # exact copy: set aside as a warning
        expected.append((len(rows) - 1, "", "exact copy of an earlier row"))
    if len(rows) > 3 and free_text and draw(st.booleans()):
        conflicting = dict(rows[2])
        conflicting[free_text[0]] = (conflicting[free_text[0]] or "") + " (changed)"
        rows.append(conflicting)
        expected.append((2, "", "duplicate key ("))
        expected.append((len(rows) - 1, "", "duplicate key ("))
    return header, rows, expected


def _warehouse_text_values(path: Path) -> list[tuple[str, str, str]]:
    """(relation, column, value) of every text value in every table of the warehouse."""
    found = []
    with duckdb.connect(str(path), read_only=True) as connection:
        columns = connection.execute(
            "select table_schema, table_name, column_name from information_schema.columns"
            " where data_type = 'VARCHAR' and table_catalog = current_database()"
        ).fetchall()
        for schema, table, column in columns:
            relation = f'"{schema}"."{table}"'
            for (value,) in connection.execute(f'select distinct "{column}" from {relation} where "{column}" is not null').fetchall():
                found.append((f"{schema}.{table}", column, value))
    return found


@settings(
    max_examples=int(os.environ.get("INFRA_HOSTILE_EXAMPLES", "1")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_hostile_extracts_lose_no_row_execute_nothing_and_mask_bank_numbers(tmp_path_factory, data):
    extracts = tmp_path_factory.mktemp("hostile_extracts")
    file_rows: dict[str, int] = {}
    expected: dict[str, list[tuple[int, str, str]]] = {}
    for spec in CONTRACT.values():
        rows = _rows(spec)
        if spec.qualified_name == "bank/bank_accounts":
            rows = [dict(row, account_number=FULL_BANK_NUMBER[: -len(str(index))] + str(index)) for index, row in enumerate(rows)]
            rows.append(dict(rows[0], bank_name=rows[0]["bank_name"] + " (conflict)"))  # rejected, with its number
        if spec.qualified_name == "bank/bank_transactions":
            rows[0]["reference"] = "Card 4111 1111 1111 1111 settlement"
            rows[1]["reference"] = "Wire from acct " + FULL_BANK_NUMBER
            rows[2]["counterparty"] = "4111111111111111"
        header, rows, cases = _make_hostile(data.draw, spec, rows) if spec.name != "bank_accounts" else (spec.column_names, rows, [])
        file_rows[spec.qualified_name] = _write(extracts / spec.source / f"{spec.name}.csv", header, rows)
        expected[spec.qualified_name] = cases

    built = build_warehouse(tmp_path_factory.mktemp("hostile_build"), extracts_dir=extracts, select="staging")

    # Every staging model was built (a row-level fault never stops staging) and nothing ran:
    # the tables the SQL payloads name still exist.
    results = json.loads((built.target_path / "run_results.json").read_text())["results"]
    errored_models = [r["unique_id"] for r in results if r["unique_id"].startswith("model.") and r["status"] != "success"]
    assert errored_models == []
    tables = {row[0] for row in built.query("select table_name from information_schema.tables where table_schema = 'staging'")}
    assert {spec.staging_model for spec in CONTRACT.values()} <= tables
    assert not Path("/tmp/infra_accounting_payload_ran").exists()

    # Row conservation against the file itself: raw (what the file holds) = staged + exceptions.
    conservation = {
        extract: (raw, staged, rejected, unaccounted)
        for extract, raw, staged, rejected, unaccounted in built.query(
            "select extract_name, raw_row_count, staged_row_count, exception_row_count, unaccounted_row_count"
            " from staging.stg_extract_row_conservation"
        )
    }
    for extract, rows_in_file in file_rows.items():
        raw, staged, rejected, unaccounted = conservation[extract]
        assert (raw, unaccounted) == (rows_in_file, 0), extract
        assert raw == staged + rejected, extract

    # Each planted fault is reported against its extract, its row and its column.
    reasons = {
        (extract, row): reason
        for extract, row, reason in built.query(
            "select extract_name, source_row_number, exception_reason from staging.stg_extract_exceptions"
        )
    }
    missed = [
        (extract, index + 1, fragment)
        for extract, cases in expected.items()
        for index, column, fragment in cases
        if fragment not in reasons.get((extract, index + 1), "")
    ]
    assert missed == []

    # SQL-, template- and formula-looking text is data: it arrives verbatim in staging.
    values = {value for _, _, value in _warehouse_text_values(built.path)}
    planted = {payload for payload in SQL_PAYLOADS + FORMULA_PAYLOADS if any(
        payload in row.values() for spec in CONTRACT.values() for row in _read_written(extracts, spec))}
    assert planted <= values | {json_value for json_value in _json_values(built)}

    # No full bank account number anywhere in the warehouse (staged, rejected, test failures).
    # Masking holds for staged rows and for rejected rows (whose raw values are kept as evidence).
    bank_rejected = built.query("select raw_row_json from staging.stg_extract_exceptions where extract_name = 'bank/bank_accounts'")
    assert len(bank_rejected) >= 2  # the conflicting pair: the rejected path is exercised
    assert all(json.loads(raw)["account_number"].startswith("****") for (raw,) in bank_rejected)
    leaks = sorted({(relation, column) for relation, column, value in _warehouse_text_values(built.path)
                    if FULL_BANK_NUMBER[:12] in value or "4111 1111 1111" in value or "411111111111" in value})
    assert leaks == []
    masked = {value for (value,) in built.query("select reference from staging.stg_bank__bank_transactions")}
    masked |= _json_values(built)
    assert "Card ****1111 settlement" in masked and "Wire from acct ****4321" in masked


def _read_written(extracts: Path, spec: ExtractSpec) -> list[dict]:
    with (extracts / spec.source / f"{spec.name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _json_values(built) -> set[str]:
    values = set()
    for (raw,) in built.query("select raw_row_json from staging.stg_extract_exceptions"):
        values.update(str(value) for value in json.loads(raw).values() if value is not None)
    return values


# ---------------------------------------------------------------------------------------
# File-level faults through dbt: the build stops with a message naming the extract
# ---------------------------------------------------------------------------------------
FILE_FAULTS = {
    "metering/skus": ("empty", "Extract metering/skus is an empty file (0 bytes)"),
    "erp/subsidiaries": ("latin1", "Extract erp/subsidiaries at"),
    "erp/accounts": ("missing", "Extract erp/accounts was not delivered"),
    "infra/locations": ("ragged", "infra/locations"),
}


def test_broken_files_stop_the_build_with_the_extract_named(tmp_path):
    extracts = tmp_path / "extracts"
    shutil.copytree(SEEDS, extracts, ignore=shutil.ignore_patterns("*.yml"))
    for extract, (fault, _) in FILE_FAULTS.items():
        path = extracts / f"{extract}.csv"
        if fault == "empty":
            path.write_bytes(b"")
        elif fault == "latin1":
            path.write_bytes(path.read_bytes().replace(b"\n", " Soci\xe9t\xe9\n".encode("latin-1"), 2))
        elif fault == "missing":
            path.unlink()
        else:
            lines = path.read_text(encoding="utf-8").splitlines()
            lines[1] = lines[1] + ",an extra field"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    preflight = check_extracts(extracts)
    for extract in FILE_FAULTS:
        assert any(problem.startswith(f"Extract {extract} ") for problem in preflight), (extract, preflight)

    selection = " ".join(f"stg_{extract.replace('/', '__')}" for extract in FILE_FAULTS)
    built = build_warehouse(tmp_path / "build", extracts_dir=extracts, select=selection)
    assert built.exit_code != 0
    results = {r["unique_id"].split(".")[-1]: r for r in json.loads((built.target_path / "run_results.json").read_text())["results"]}
    for extract, (fault, message) in FILE_FAULTS.items():
        result = results[f"stg_{extract.replace('/', '__')}"]
        assert result["status"] == "error", (extract, result["status"])
        assert message in (result.get("message") or ""), (extract, result.get("message"))
        if fault == "latin1":
            assert "is not UTF-8 text" in result["message"]


def test_shell_and_template_payloads_in_text_are_inert(tmp_path):
    """A value with Jinja or shell syntax is read by DuckDB as text, never rendered or run."""
    path = tmp_path / "x.csv"
    path.write_text("a\n" + "\n".join(f'"{payload.replace(chr(34), chr(34) * 2)}"' for payload in SQL_PAYLOADS) + "\n")
    with duckdb.connect() as connection:
        read = [row[0] for row in connection.execute(
            f"select a from read_csv('{path}', all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"')"
        ).fetchall()]
    assert read == list(SQL_PAYLOADS)
    assert not Path("/tmp/infra_accounting_payload_ran").exists()
