"""Invoices to cash on the demo: planted cash cases CA-1 .. CA-4 of docs/demo_company.md."""

from __future__ import annotations

from decimal import Decimal

import pytest



@pytest.fixture(scope="module")
def cash_warehouse(demo_warehouse):
    """The session's demo close (conftest): one build serves every area's demo tests."""
    return demo_warehouse


def test_cash_build_passes(cash_warehouse):
    assert cash_warehouse.exit_code == 0


def test_ca1_unapplied_cash(cash_warehouse):
    rows = cash_warehouse.query("select payment_id, unapplied_amount from marts.rpt_unapplied_cash")
    assert rows == [("PMT-000531", Decimal("15000.00"))]


def test_ca2_one_payment_for_several_invoices(cash_warehouse):
    row = cash_warehouse.query(
        "select invoice_ids, reconciliation_status, bank_amount from marts.rpt_invoice_to_cash_reconciliation "
        "where payment_id = 'PMT-000478'"
    )
    assert row == [("INV-000358, INV-000396, INV-000433", "matched_applied", Decimal("204884.74"))]


def test_ca3_partial_payment_left_open_in_aging(cash_warehouse):
    open_amount = cash_warehouse.scalar("select open_amount from marts.rpt_ar_aging where invoice_id = 'INV-000432'")
    assert open_amount == Decimal("88313.08") - Decimal("52987.85")


def test_ca4_messy_references_matched_and_every_receipt_accounted_for(cash_warehouse):
    statuses = dict(cash_warehouse.query(
        "select match_rule, count(*) from marts.rpt_invoice_to_cash_reconciliation "
        "where transaction_id is not null group by all"
    ))
    # the messy remittance texts are matched by the normalized reference or customer + amount + date window
    assert statuses["normalized_reference"] + statuses["customer_amount_date_window"] >= 43
    receipts = cash_warehouse.scalar(
        "select count(*) from staging.stg_bank__bank_transactions where amount > 0 and posted_date <= date '2026-10-31'"
    )
    listed = cash_warehouse.scalar(
        "select count(*) from marts.rpt_invoice_to_cash_reconciliation where transaction_id is not null"
    )
    assert listed == receipts
    unmatched = cash_warehouse.query(
        "select counterparty from marts.rpt_invoice_to_cash_reconciliation "
        "where reconciliation_status = 'unmatched_bank_line' order by 1"
    )
    # funding and intercompany receipts are not customer payments: listed as unmatched, not lost
    assert len(unmatched) == 3
