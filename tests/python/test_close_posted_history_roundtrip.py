"""Closed periods never change - the real round trip.

1. Close 2026-09 from the demo extracts and write its posted history with the close
   command's own code path (posted_history.write_close_month).
2. Change an input of 2026-09 after the close: late usage - 100 GPU-hours of H200 used by
   CUS-0005 (CT-0005, on demand, contract rate 2.961 USD in crm/contract_rates) on
   2026-09-15, received 2026-10-20, after September was invoiced.
3. Build the close of 2026-10 from the changed extracts.

Expected, computed by hand from the extracts (not from the code): September's revenue for
CT-0005 rises by 100 x 2.961 = 296.10 USD, unbilled (no invoice carries it), so the catch-up
in October is Dr 1210 unbilled receivables 296.10 / Cr 4000 on-demand revenue 296.10 in
US01 (ASC 606-10-32-1: consumption-based revenue in the month of use; the closed month stays
as posted, ASC 250-10-45-23 out-of-period correction in the open month), and 2026-09 reads
back byte-identical.
"""

from __future__ import annotations

import csv
import os
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from infra_accounting.close.posted_history import history_file, write_close_month
from tests.python.conftest import build_warehouse

SELECTION = "+fct_journal_entries +rpt_prior_period_adjustments"
LATE_USAGE = {"customer_id": "CUS-0005", "sku": "GPU-H200-HR", "location_id": "DC03",
              "usage_date": "2026-09-15", "quantity": "100.0000", "received_date": "2026-10-20"}
EXPECTED_CATCH_UP = Decimal("296.10")  # 100 GPU-hours x 2.961 USD (crm/contract_rates CT-0005)


def _copy_extracts(project_root: Path, directory: Path) -> Path:
    shutil.copytree(project_root / "seeds", directory, ignore=shutil.ignore_patterns("*.yml"))
    return directory


def _add_late_usage(extracts: Path) -> None:
    path = extracts / "metering" / "usage.csv"
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0].keys())
    next_id = max(int(row["usage_id"]) for row in rows) + 1
    with path.open("a", newline="", encoding="utf-8") as handle:
        csv.DictWriter(handle, fieldnames=fields, lineterminator="\n").writerow({**LATE_USAGE, "usage_id": str(next_id)})


def _rows(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(sql).fetchall()


JOURNAL_COLUMNS = ("journal_id, journal_line_number, subsidiary_id, period_month, posting_date, account_number, "
                   "debit_amount, credit_amount, currency_code, journal_type, source_area, source_document_id, memo")


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory, project_root: Path):
    directory = tmp_path_factory.mktemp("close_round_trip")
    history_dir = directory / "posted_history"
    previous = os.environ.get("INFRA_POSTED_HISTORY_DIR")
    os.environ["INFRA_POSTED_HISTORY_DIR"] = str(history_dir)
    try:
        extracts = _copy_extracts(project_root, directory / "extracts")
        september = build_warehouse(directory / "september", extracts_dir=extracts, select=SELECTION,
                                    close_period="2026-09")
        assert september.exit_code == 0
        posted_path = write_close_month(september.path, "2026-09", history_dir)
        posted_bytes = posted_path.read_bytes()
        posted_rows = _rows(september.path, f"select {JOURNAL_COLUMNS} from marts.fct_journal_entries"
                                            " order by journal_id, journal_line_number")
        _add_late_usage(extracts)
        october = build_warehouse(directory / "october", extracts_dir=extracts, select=SELECTION,
                                  close_period="2026-10")
    finally:
        if previous is None:
            os.environ.pop("INFRA_POSTED_HISTORY_DIR", None)
        else:
            os.environ["INFRA_POSTED_HISTORY_DIR"] = previous
    return october, posted_path, posted_bytes, posted_rows


def test_october_builds(round_trip):
    october, *_ = round_trip
    assert october.exit_code == 0


def test_september_history_file_untouched(round_trip):
    _, posted_path, posted_bytes, _ = round_trip
    assert posted_path == history_file(posted_path.parent.parent, "2026-09")
    assert posted_path.read_bytes() == posted_bytes


def test_september_reads_back_exactly_as_posted(round_trip):
    october, _, _, posted_rows = round_trip
    assert posted_rows, "the September close posted no journal lines"
    read_back = _rows(october.path, f"select {JOURNAL_COLUMNS} from intermediate.int_journal_lines_posted"
                                    " where period_month = date '2026-09-01' order by journal_id, journal_line_number")
    assert read_back == posted_rows


def test_catch_up_books_the_late_usage_in_october(round_trip):
    october, *_ = round_trip
    catch_up = dict(_rows(october.path, """
        select account_number, sum(debit_amount - credit_amount)
        from marts.fct_journal_entries
        where is_prior_period_catch_up and source_area = 'revenue' and subsidiary_id = 'US01'
        group by account_number
        having sum(debit_amount - credit_amount) <> 0
    """))
    assert catch_up == {"1210": EXPECTED_CATCH_UP, "4000": -EXPECTED_CATCH_UP}
    other_entities = _rows(october.path, """
        select count(*) from marts.fct_journal_entries
        where is_prior_period_catch_up and source_area = 'revenue' and subsidiary_id <> 'US01'
    """)
    assert other_entities == [(0,)]


def test_no_catch_up_where_no_input_changed(round_trip):
    october, *_ = round_trip
    others = _rows(october.path, """
        select source_area, account_number, sum(debit_amount - credit_amount)
        from marts.fct_journal_entries
        where is_prior_period_catch_up and source_area <> 'revenue'
        group by all
        having sum(debit_amount - credit_amount) <> 0
    """)
    assert others == []
    periods = _rows(october.path, """
        select distinct period_month, original_period_month from marts.fct_journal_entries where is_prior_period_catch_up
    """)
    assert [(str(period), str(original)) for period, original in periods] == [("2026-10-01", "2026-09-01")]


def test_catch_up_balances_and_is_listed_with_its_cause(round_trip):
    october, *_ = round_trip
    unbalanced = _rows(october.path, """
        select journal_id from marts.fct_journal_entries where is_prior_period_catch_up
        group by journal_id having sum(debit_amount) <> sum(credit_amount)
    """)
    assert unbalanced == []
    adjustments = _rows(october.path, """
        select account_number, adjustment_net_amount, cause from marts.rpt_prior_period_adjustments
        where original_period_month = date '2026-09-01' and subsidiary_id = 'US01' and source_area = 'revenue'
    """)
    net = {}
    for account, amount, cause in adjustments:
        net[account] = net.get(account, Decimal("0")) + amount
        assert "2026-09" in cause and "2026-10" in cause
    causes = " | ".join(cause for _, amount, cause in adjustments if amount)
    # the cause names the input that changed: CT-0005's September usage received after the month
    assert "late usage of CT-0005 for 2026-09" in causes and "last received 2026-10-20" in causes
    assert {account: amount for account, amount in net.items() if amount} == {
        "1210": EXPECTED_CATCH_UP, "4000": -EXPECTED_CATCH_UP}
