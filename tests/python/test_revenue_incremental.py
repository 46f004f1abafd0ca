"""Incremental close = full build, for rating, revenue, cash matching, the invoice-to-cash rows and
the document reconciliations (issue #8).

The demo is closed for September 2026, then October 2026 is closed incrementally into the same
warehouse (the usage, summed usage, bank matching and reconciliation movement models keep the
closed months and recompute only the open ones). Every revenue, cash and reconciliation
relation must then hold exactly the rows of the session's full build at October 2026 (conftest
`demo_warehouse`), row for row.
"""

from __future__ import annotations

import duckdb
import pytest

from infra_accounting.reliability.fault_drill import mart_checksums
from tests.python.conftest import build_warehouse

# the chain from metering and bank lines to the revenue and cash marts, and the subledger-to-GL
# reconciliations (with their parents: every subledger's journals)
SELECTION = (
    "+path:models/marts/revenue +path:models/marts/cash +int_revenue_journal_lines +int_revenue_exceptions"
    " +rpt_subledger_to_gl_reconciliation"
)

COMPARED = {
    "intermediate": [
        "int_usage_records_rated",
        "int_usage_records_summed",
        "int_usage_records_unrated",
        "int_contract_usage_summed_monthly",
        "int_bank_receipts_matched",
        "int_invoice_to_cash_rows",
        "int_revenue_lines_recognized",
        "int_revenue_journal_lines",
        "int_revenue_exceptions",
        "int_reconciliation_items_monthly",
    ],
    "marts": [
        "fct_rated_usage",
        "fct_revenue",
        "dim_revenue_contracts",
        "rpt_ar_aging",
        "rpt_contract_cost_rollforward",
        "rpt_deferred_revenue_rollforward",
        "rpt_prepaid_breakage_estimate",
        "rpt_remaining_performance_obligations",
        "rpt_revenue_three_way_summary",
        "rpt_revenue_waterfall",
        "rpt_unbilled_receivables_rollforward",
        "rpt_usage_to_invoice_reconciliation",
        "rpt_invoice_to_cash_reconciliation",
        "rpt_unapplied_cash",
        "rpt_reconciling_items",
        "rpt_subledger_to_gl_reconciliation",
    ],
}


@pytest.fixture(scope="module")
def incremental_warehouse(tmp_path_factory):
    directory = tmp_path_factory.mktemp("revenue_incremental")
    september = build_warehouse(directory, select=SELECTION, close_period="2026-09")
    assert september.exit_code == 0
    september_bank_month = september.scalar("select max(posted_month) from intermediate.int_bank_receipts_matched")
    october = build_warehouse(directory, select=SELECTION, close_period="2026-10")
    assert october.exit_code == 0
    return october, september_bank_month


def _checksums(path, schema):
    with duckdb.connect(str(path), read_only=True) as connection:
        return mart_checksums(connection, schema)


def test_second_build_was_incremental(incremental_warehouse):
    """The October run of the incremental warehouse ran the heavy models as incremental (not rebuilt).

    (int_usage_records_rated and fct_rated_usage are views over staged usage: nothing to rebuild.)
    """
    october, september_bank_month = incremental_warehouse
    # the September close matched bank lines only through September; October's came incrementally
    assert str(september_bank_month) == "2026-09-01"
    compiled = october.target_path / "run" / "infra_accounting" / "models" / "intermediate"
    summed_sql = (compiled / "revenue" / "int_usage_records_summed.sql").read_text().lower()
    matched_sql = (compiled / "cash" / "int_bank_receipts_matched.sql").read_text().lower()
    # an incremental run inserts into the existing table, not create-as; its pre-hook deleted the
    # reopened months first (were it not run, those months would be doubled and
    # test_incremental_close_equals_full_build would fail)
    assert "insert into" in summed_sql and "create table" not in summed_sql
    # the monthly summary per contract re-summed the reopened months only
    monthly_sql = (compiled / "revenue" / "int_contract_usage_summed_monthly.sql").read_text().lower()
    assert "insert into" in monthly_sql and "create table" not in monthly_sql
    assert "insert into" in matched_sql
    # the revenue journal lines appended the recomputed months to the closed months' lines
    journal_sql = (compiled / "revenue" / "int_revenue_journal_lines.sql").read_text().lower()
    assert "insert into" in journal_sql and "create table" not in journal_sql
    # the reconciliations' movements too: the closed months kept, September and October appended
    movements_sql = (compiled / "gl" / "int_reconciliation_items_monthly.sql").read_text().lower()
    assert "insert into" in movements_sql and "create table" not in movements_sql
    # the invoice-to-cash rows: the rows the close can change written again, the others kept
    cash_rows_sql = (compiled / "cash" / "int_invoice_to_cash_rows.sql").read_text().lower()
    assert "insert into" in cash_rows_sql and "create table" not in cash_rows_sql
    assert october.scalar(
        "select cast(first_month_written as varchar) from close_log.model_months_written"
        " where model_name = 'int_reconciliation_items_monthly' order by recorded_at desc limit 1"
    ) == "2026-09-01"


def test_incremental_close_equals_full_build(incremental_warehouse, demo_warehouse):
    october, _ = incremental_warehouse
    assert demo_warehouse.exit_code == 0
    for schema, relations in COMPARED.items():
        incremental = _checksums(october.path, schema)
        full = _checksums(demo_warehouse.path, schema)
        for relation in relations:
            assert relation in full, f"{schema}.{relation} missing from the full build"
            assert incremental.get(relation) == full[relation], f"{schema}.{relation} differs from the full build"


def test_incremental_close_reopens_only_open_months(incremental_warehouse):
    """October's run rates again only the open months and the month its late usage belongs to."""
    october, _ = incremental_warehouse
    reopened = [row[0] for row in october.query("select usage_month from intermediate.int_usage_months_reopened order by 1")]
    # October's close recomputes September and October, and August (records of August received in September)
    assert [str(month) for month in reopened] == ["2026-08-01", "2026-09-01", "2026-10-01"]
