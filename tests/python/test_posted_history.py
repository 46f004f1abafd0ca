"""Closed periods never change: a month in the posted history is read back exactly as
posted, and a later difference for that month is booked as a catch-up in the open month.

The posted history is a parquet file per closed month. The test writes the history of a
closed month (2026-09) as if `infra-close close --month 2026-09` had posted it, with an
amount that differs from what today's inputs give for that month, then builds the close of
2026-10: the closed month's lines must come back byte-identical and the difference must be
booked in 2026-10 (journal PPA-...), listed in rpt_prior_period_adjustments with its cause.
"""

from __future__ import annotations

import csv
import os
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from infra_accounting.close import netsuite
from infra_accounting.close.posted_history import history_file
from tests.python.conftest import build_warehouse

SELECTION = "+fct_journal_entries +rpt_prior_period_adjustments"
HISTORY_LINES = [
    # journal_id, line, subsidiary, period, posting, account, debit, credit, currency, type, area, document, memo
    ("TEST-DEP-US01-2026-09", 1, "US01", "2026-09-01", "2026-09-30", "5000", "1000.00", "0.00", "USD",
     "depreciation", "posted_test", "FA-TEST", "Depreciation FA-TEST 2026-09"),
    ("TEST-DEP-US01-2026-09", 2, "US01", "2026-09-01", "2026-09-30", "1611", "0.00", "1000.00", "USD",
     "depreciation", "posted_test", "FA-TEST", "Depreciation FA-TEST 2026-09"),
]


def _write_history(directory: Path) -> Path:
    path = history_file(directory, "2026-09")
    path.parent.mkdir(parents=True, exist_ok=True)
    values = ", ".join(
        "(" + ", ".join(
            [f"'{line[0]}'", str(line[1]), f"'{line[2]}'", f"date '{line[3]}'", f"date '{line[4]}'", f"'{line[5]}'",
             f"cast({line[6]} as decimal(18,2))", f"cast({line[7]} as decimal(18,2))", f"'{line[8]}'", f"'{line[9]}'",
             f"'{line[10]}'", f"'{line[11]}'", f"'{line[12]}'"]
        ) + ")"
        for line in HISTORY_LINES
    )
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * from (values {values}) as t(journal_id, journal_line_number, subsidiary_id, period_month,"
            " posting_date, account_number, debit_amount, credit_amount, currency_code, journal_type, source_area,"
            f" source_document_id, memo)) to '{path}' (format parquet)"
        )
    return path


@pytest.fixture(scope="module")
def closed_history_build(tmp_path_factory: pytest.TempPathFactory):
    directory = tmp_path_factory.mktemp("posted_history_build")
    history_dir = directory / "posted_history"
    path = _write_history(history_dir)
    before = path.read_bytes()
    previous = os.environ.get("INFRA_POSTED_HISTORY_DIR")
    os.environ["INFRA_POSTED_HISTORY_DIR"] = str(history_dir)
    try:
        built = build_warehouse(directory / "build", select=SELECTION)
    finally:
        if previous is None:
            os.environ.pop("INFRA_POSTED_HISTORY_DIR", None)
        else:
            os.environ["INFRA_POSTED_HISTORY_DIR"] = previous
    return built, path, before


def test_build_succeeds(closed_history_build):
    built, _, _ = closed_history_build
    assert built.exit_code == 0


def test_closed_month_is_read_back_exactly_as_posted(closed_history_build):
    built, path, before = closed_history_build
    assert path.read_bytes() == before, "the build must never rewrite a closed month's history file"
    rows = built.query(
        "select journal_id, journal_line_number, debit_amount, credit_amount, memo"
        " from intermediate.int_journal_lines_posted order by journal_id, journal_line_number"
    )
    assert rows == [
        ("TEST-DEP-US01-2026-09", 1, Decimal("1000.00"), Decimal("0.00"), "Depreciation FA-TEST 2026-09"),
        ("TEST-DEP-US01-2026-09", 2, Decimal("0.00"), Decimal("1000.00"), "Depreciation FA-TEST 2026-09"),
    ]


def test_difference_is_booked_as_catch_up_in_open_month(closed_history_build):
    built, _, _ = closed_history_build
    # Today's inputs give no such entry for 2026-09, so the whole posted amount reverses in 2026-10.
    # (The synthetic history holds only this journal, so the subledgers' real September lines
    # are caught up too, as never posted; this test looks at the synthetic area only.)
    rows = built.query(
        "select journal_id, account_number, debit_amount, credit_amount, period_month::varchar, original_period_month::varchar"
        " from marts.fct_journal_entries where is_prior_period_catch_up and source_area = 'posted_test'"
        " order by account_number"
    )
    assert rows == [
        ("PPA-POSTED_TEST-US01-2026-10", "1611", Decimal("1000.00"), Decimal("0.00"), "2026-10-01", "2026-09-01"),
        ("PPA-POSTED_TEST-US01-2026-10", "5000", Decimal("0.00"), Decimal("1000.00"), "2026-10-01", "2026-09-01"),
    ]
    adjustments = built.query(
        "select account_number, adjustment_net_amount, cause from marts.rpt_prior_period_adjustments"
        " where source_area = 'posted_test' order by 1"
    )
    assert [(row[0], row[1]) for row in adjustments] == [("1611", Decimal("1000.00")), ("5000", Decimal("-1000.00"))]
    assert all("2026-09 was closed" in row[2] for row in adjustments)


def test_netsuite_export_is_balanced_and_neutralised(closed_history_build, tmp_path: Path):
    built, _, _ = closed_history_build
    path = netsuite.export(built.path, "2026-10", tmp_path)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(netsuite.COLUMNS)
    assert len(rows) > 1
    assert sum(Decimal(row[7] or 0) for row in rows[1:]) == sum(Decimal(row[8] or 0) for row in rows[1:])


def test_formula_text_is_neutralised():
    assert netsuite.neutralise("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert netsuite.neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert netsuite.neutralise("Depreciation") == "Depreciation"
