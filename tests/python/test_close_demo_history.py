"""`infra-close post-demo-history`: the demo GL's subledger journals are replaceable and planted.

Pure checks on the committed seeds/erp/gl_entries.csv and the module's functions (no build).
The build-level check - every subledger-to-GL line reconciled or explained by a planted item -
is the warn control `subledger_to_gl_reconciliation_has_no_unexplained_difference`.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from infra_accounting.close.demo_history import (
    GL_ENTRIES,
    PLANTED_ITEMS,
    SUBLEDGER_SOURCES,
    PlantedItem,
    apply_planted_items,
    render_gl,
    split_gl,
    subledger_rows,
)


def _rows():
    return list(csv.DictReader(io.StringIO(GL_ENTRIES.read_text(encoding="utf-8"))))


def test_removing_the_posted_lines_twice_changes_nothing():
    text = GL_ENTRIES.read_text(encoding="utf-8")
    header, generator_rows = split_gl(text)
    once = render_gl(header, generator_rows)
    assert render_gl(*split_gl(once)) == once
    assert all(row[-1] not in SUBLEDGER_SOURCES for row in generator_rows)


def test_posted_lines_are_sorted_and_balanced_per_journal():
    rows = [row for row in _rows() if row["source"] in SUBLEDGER_SOURCES]
    assert rows, "post-demo-history has not been run"
    keys = [(row["journal_id"], int(row["line_number"])) for row in rows]
    assert keys == sorted(keys)
    totals: dict[tuple[str, str], Decimal] = {}
    for row in rows:
        key = (row["journal_id"], row["subsidiary_id"])
        totals[key] = totals.get(key, Decimal("0")) + Decimal(row["debit"]) - Decimal(row["credit"])
    assert {key: value for key, value in totals.items() if value} == {}
    assert max(row["posting_date"] for row in rows) <= "2026-09-30"


def test_planted_items_are_in_the_committed_gl():
    rows = _rows()
    journals = {row["journal_id"] for row in rows}
    assert "LS-MTH-LS-006-2026-09" not in journals  # GL-5
    assert "RV-UNB-US01-2026-09" not in journals  # GL-7
    assert "LS-MTH-LS-006-2026-08" in journals and "RV-UNB-US01-2026-08" in journals
    gl6 = [row["account_number"] for row in rows if row["journal_id"] == "FA-DEP-US01-2026-08"]
    assert "1611" not in gl6 and gl6.count("1621") == 2  # GL-6: server line re-accounted to 1621


def test_apply_planted_items_omits_and_reaccounts():
    lines = [
        {"journal_id": "J1", "account_number": "1611", "journal_line_number": 1},
        {"journal_id": "J1", "account_number": "5000", "journal_line_number": 2},
        {"journal_id": "J2", "account_number": "1700", "journal_line_number": 1},
    ]
    items = (PlantedItem("X", "J2", "omit"), PlantedItem("Y", "J1", "reaccount", "1611", "1621"))
    result = apply_planted_items(lines, items)
    assert [(line["journal_id"], line["account_number"]) for line in result] == [("J1", "1621"), ("J1", "5000")]
    assert lines[0]["account_number"] == "1611"  # the input is not mutated
    assert {item.item_id for item in PLANTED_ITEMS} == {"GL-5", "GL-6", "GL-7"}


def test_subledger_rows_format_money_and_sort():
    rows = subledger_rows([
        {"journal_id": "B", "journal_line_number": 1, "subsidiary_id": "US01", "posting_date": "2026-09-30",
         "account_number": "1", "debit_amount": Decimal("1.5"), "credit_amount": Decimal("0"), "currency_code": "USD",
         "memo": None, "source_area": "leases"},
        {"journal_id": "A", "journal_line_number": 2, "subsidiary_id": "US01", "posting_date": "2026-09-30",
         "account_number": "2", "debit_amount": Decimal("0"), "credit_amount": Decimal("1.5"), "currency_code": "USD",
         "memo": "m", "source_area": "leases"},
    ])
    assert rows == [
        ["A", "2", "US01", "2026-09-30", "2", "0.00", "1.50", "USD", "m", "leases"],
        ["B", "1", "US01", "2026-09-30", "1", "1.50", "0.00", "USD", "", "leases"],
    ]
