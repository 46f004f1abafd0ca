"""The close package workbook: it opens, its SUM formulas evaluate to the mart figures, and
every sheet has the month's numbers. Plus formula-injection neutralisation and the docs site."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from infra_accounting.close_package import cli
from infra_accounting.close_package.workbook import package_relations
from infra_accounting.dashboard.data import SnapshotReader, month_column
from infra_accounting.dashboard.formatting import EXCEL_ACCOUNTING_FORMAT
from infra_accounting.publish import publish_snapshot

MONTH = date(2026, 10, 1)
SUM_FORMULA = re.compile(r"^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$")


@pytest.fixture(scope="module")
def demo_snapshot(demo_warehouse, tmp_path_factory) -> Path:
    return publish_snapshot(demo_warehouse.path, tmp_path_factory.mktemp("published") / "infra_accounting.duckdb", close_period="2026-10")


@pytest.fixture(scope="module")
def workbook_path(demo_snapshot, tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("close_package")
    assert cli.main(["--snapshot", str(demo_snapshot), "--output-dir", str(output), "--month", "2026-10", "--no-docs"]) == 0
    path = output / "close_package" / "close_package_2026-10.xlsx"
    assert path.exists()
    return path


def reader_has(snapshot: Path, relation: str) -> bool:
    with SnapshotReader.open(snapshot) as reader:
        return reader.has(relation)


def evaluate_sum(sheet, formula: str) -> Decimal:
    """Evaluate =SUM(Xa:Xb) over the sheet's stored cell values (as Excel would)."""
    match = SUM_FORMULA.match(formula)
    assert match, formula
    first_column, first_row, last_column, last_row = match.groups()
    assert first_column == last_column
    column = column_index_from_string(first_column)
    total = Decimal(0)
    for row in range(int(first_row), int(last_row) + 1):
        value = sheet.cell(row=row, column=column).value
        assert not (isinstance(value, str) and value.startswith("=")), "a SUM range includes another formula"
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            total += Decimal(str(value))
    return total


def test_one_sheet_per_report_of_the_snapshot(demo_snapshot, workbook_path):
    workbook = load_workbook(workbook_path)
    with SnapshotReader.open(demo_snapshot) as reader:
        relations = package_relations(reader)
    assert workbook.sheetnames[0] == "Contents"
    assert len(workbook.sheetnames) == 1 + len(relations)
    contents = {row[1]: row[0] for row in workbook["Contents"].iter_rows(min_row=6, values_only=True) if row[1]}
    for relation, _ in relations:
        assert contents[relation] in workbook.sheetnames
        assert relation.split(".")[1] in {"rpt_close_controls", "fct_journal_entries"} or relation.split(".")[1].startswith("rpt_")
    if reader_has(demo_snapshot, "marts.fct_journal_entries"):
        assert "marts.fct_journal_entries" in contents  # the journal entries are in the package when built


def test_totals_are_formulas_that_evaluate_to_the_mart_figures(demo_snapshot, workbook_path):
    workbook = load_workbook(workbook_path)  # formulas as written, not cached values
    contents = {row[0]: row[1] for row in workbook["Contents"].iter_rows(min_row=6, values_only=True) if row[1]}
    checked = 0
    with SnapshotReader.open(demo_snapshot) as reader:
        for sheet_name, relation in contents.items():
            sheet = workbook[sheet_name]
            header = [cell.value for cell in sheet[1]]
            month_name = month_column(header)
            currency_position = header.index("currency_code") if "currency_code" in header else None
            for row in sheet.iter_rows(min_row=2):
                formulas = [(cell.column, cell.value) for cell in row if isinstance(cell.value, str) and cell.value.startswith("=")]
                if not formulas:
                    continue
                currency = row[currency_position].value if currency_position is not None else None
                for column, formula in formulas:
                    name = header[column - 1]
                    clauses, parameters = [], []
                    if month_name:
                        clauses.append(f'"{month_name}" = ?')
                        parameters.append(MONTH)
                    if currency is not None:
                        clauses.append("currency_code = ?")
                        parameters.append(currency)
                    where = (" where " + " and ".join(clauses)) if clauses else ""
                    expected = reader.rows(f'select coalesce(sum("{name}"), 0) from {relation}{where}', parameters)[0][0]
                    got = evaluate_sum(sheet, formula)
                    assert got == Decimal(str(expected)), f"{sheet_name}!{name} {currency}: {got} != {expected}"
                    assert row[column - 1].number_format == EXCEL_ACCOUNTING_FORMAT or "0.0000" in row[column - 1].number_format
                    checked += 1
    assert checked > 0, "no total formula was checked"


def test_every_sheet_has_the_months_numbers(demo_snapshot, workbook_path):
    workbook = load_workbook(workbook_path)
    contents = {row[0]: row[1] for row in workbook["Contents"].iter_rows(min_row=6, values_only=True) if row[1]}
    with SnapshotReader.open(demo_snapshot) as reader:
        for sheet_name, relation in contents.items():
            sheet = workbook[sheet_name]
            assert sheet.freeze_panes == "A2", sheet_name
            header = [cell.value for cell in sheet[1]]
            month_name = month_column(header)
            where, parameters = (f' where "{month_name}" = ?', [MONTH]) if month_name else ("", [])
            expected_rows = reader.rows(f"select count(*) from {relation}{where}", parameters)[0][0]
            data_rows = [
                row for row in sheet.iter_rows(min_row=2, values_only=True)
                if not (isinstance(row[0], str) and (row[0].startswith("Total") or row[0].startswith("No rows")))
                and not any(isinstance(value, str) and value.startswith("=SUM(") for value in row)
            ]
            assert len(data_rows) == expected_rows, sheet_name
            if month_name:
                position = header.index(month_name)
                months = {row[position] for row in data_rows}
                assert months <= {datetime(2026, 10, 1), MONTH}, (sheet_name, months)
            if relation == "marts.rpt_trial_balance":
                assert expected_rows > 0, "the trial balance of the close month has rows"


def test_text_that_looks_like_a_formula_is_neutralised(tmp_path):
    warehouse = tmp_path / "close.duckdb"
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            "create table marts.rpt_bank_reconciliation as select * from (values"
            " (DATE '2026-10-01', 'USD', '=HYPERLINK(\"http://127.0.0.1/x\",\"click\")', cast(10.10 as decimal(18,2))),"
            " (DATE '2026-10-01', 'USD', '+cmd|'' /C calc''!A0', cast(-2.05 as decimal(18,2))),"
            " (DATE '2026-10-01', 'USD', '-1+1', cast(0.01 as decimal(18,2))),"
            " (DATE '2026-10-01', 'USD', '@SUM(1)', cast(1000000.00 as decimal(18,2))),"
            " (DATE '2026-09-01', 'USD', 'prior month', cast(5.00 as decimal(18,2)))"
            ") as t(period_month, currency_code, memo, difference_amount)"
        )
    snapshot = publish_snapshot(warehouse, tmp_path / "snapshot.duckdb")
    assert cli.main(["--snapshot", str(snapshot), "--output-dir", str(tmp_path / "out"), "--month", "2026-10", "--no-docs"]) == 0
    sheet = load_workbook(tmp_path / "out" / "close_package" / "close_package_2026-10.xlsx")["bank_reconciliation"]
    memos = [sheet.cell(row=row, column=3) for row in range(2, 6)]
    assert sorted(cell.value for cell in memos) == sorted([
        "'=HYPERLINK(\"http://127.0.0.1/x\",\"click\")",
        "'+cmd|' /C calc'!A0",
        "'-1+1",
        "'@SUM(1)",
    ])
    assert all(cell.data_type == "s" for cell in memos)
    assert sheet["D6"].value == "=SUM(D2:D5)"
    assert evaluate_sum(sheet, sheet["D6"].value) == Decimal("1000008.06")
    assert sheet["D3"].number_format == EXCEL_ACCOUNTING_FORMAT


def test_docs_site_for_auditors(demo_snapshot, tmp_path):
    docs = tmp_path / "docs"
    assert cli.generate_docs(demo_snapshot, docs, "2026-10") == 0
    static = (docs / "static_index.html").read_text(encoding="utf-8")
    assert "rpt_trial_balance" in static and "fct_journal_entries" in static
    assert (docs / "catalog.json").exists() and (docs / "manifest.json").exists()
