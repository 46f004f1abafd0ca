"""Revenue subledger on the Helios Compute demo: the planted cases of docs/demo_company.md
(RV-1 .. RV-10) come out of the warehouse as the demo company documents them.

The expected figures are the ones the demo documentation states (invoice amounts of the
true-up invoices, credits bought and consumed), not numbers printed by the models.
"""

from __future__ import annotations

from decimal import Decimal

import pytest



@pytest.fixture(scope="module")
def revenue_warehouse(demo_warehouse):
    """The session's demo close (conftest): one build serves every area's demo tests."""
    return demo_warehouse


def test_revenue_build_passes_its_controls(revenue_warehouse):
    assert revenue_warehouse.exit_code == 0


def test_rv1_annual_commitment_shortfall_recognized_at_the_end_of_the_contract_year(revenue_warehouse):
    # RV-1: CT-0001 true-up INV-000213 (2026-02-01) 386,127.23 for 2025-02-01 .. 2026-01-31.
    rows = revenue_warehouse.query(
        "select period_month, revenue_amount from marts.fct_revenue "
        "where contract_id = 'CT-0001' and sku = 'COMMIT-TRUE-UP' and revenue_amount <> 0"
    )
    assert [(str(month), amount) for month, amount in rows] == [("2026-01-01", Decimal("386127.23"))]
    billed = revenue_warehouse.scalar(
        "select billed_amount from marts.fct_revenue "
        "where contract_id = 'CT-0001' and sku = 'COMMIT-TRUE-UP' and period_month = date '2026-02-01'"
    )
    assert billed == Decimal("386127.23")


def test_rv2_term_commitment_shortfall_in_gbp(revenue_warehouse):
    # RV-2: CT-0003 (UK01, GBP) term commitment 1,478,000.00 ending 2026-09-30, true-up 193,211.09.
    row = revenue_warehouse.query(
        "select currency_code, subsidiary_id, revenue_amount from marts.fct_revenue "
        "where contract_id = 'CT-0003' and sku = 'COMMIT-TRUE-UP' and period_month = date '2026-09-01'"
    )
    assert row == [("GBP", "UK01", Decimal("193211.09"))]


def test_rv3_monthly_commitment_recurs(revenue_warehouse):
    count = revenue_warehouse.scalar(
        "select count(*) from marts.fct_revenue where contract_id = 'CT-0002' and sku = 'COMMIT-TRUE-UP' and revenue_amount > 0"
    )
    assert count >= 3


def test_rv4_expired_credits_broken_at_expiry_with_remote_method(revenue_warehouse):
    # RV-4: CT-0009 bought 888,000.00, expired 2026-01-14 with about 621,642 consumed: ~266,358 unused.
    rows = revenue_warehouse.query(
        "select period_month, breakage_amount from marts.fct_revenue "
        "where contract_id = 'CT-0009' and breakage_amount <> 0"
    )
    assert len(rows) == 1
    month, breakage = rows[0]
    assert str(month) == "2026-01-01"
    assert abs(breakage - Decimal("266358")) < 1
    total = revenue_warehouse.scalar(
        "select sum(revenue_amount + breakage_amount) from marts.fct_revenue "
        "where contract_id = 'CT-0009' and sku = 'PREPAID-CREDITS'"
    )
    assert total == Decimal("888000.00")


def test_rv5_promotional_credits_reduce_the_price_and_balance_remains_at_close(revenue_warehouse):
    # RV-5: CT-0010 902,000.00 + 25,000.00 promotional, ~577k consumed by 2026-10-31.
    drawdown, breakage, liability = revenue_warehouse.query(
        "select sum(revenue_amount), sum(breakage_amount), "
        "sum(deferred_revenue_closing_amount) filter (where period_month = date '2026-10-01') "
        "from marts.fct_revenue where contract_id = 'CT-0010' and sku = 'PREPAID-CREDITS'"
    )[0]
    # face value consumed: usage rated per SKU and month at the contract price, as invoices round it
    consumed = revenue_warehouse.scalar(
        "select consumed_face_cumulative_amount from intermediate.int_prepaid_credits_consumed "
        "where contract_id = 'CT-0010' and period_month = date '2026-10-01'"
    )
    assert abs(consumed - Decimal("577000")) < 1000
    # each unit of credit consumed earns 902 / 927 of revenue (promotional credits are not paid for)
    assert abs(drawdown - consumed * Decimal(902000) / Decimal(927000)) <= Decimal("0.01")
    assert drawdown + breakage + liability == Decimal("902000.00")
    assert liability > 0


def test_rv6_dedicated_hardware_flagged_for_lease_review(revenue_warehouse):
    flags = dict(revenue_warehouse.query(
        "select contract_id, is_lease_review_required from marts.dim_revenue_contracts "
        "where contract_id in ('CT-0011', 'CT-0012')"
    ))
    assert flags == {"CT-0011": True, "CT-0012": False}
    fee = revenue_warehouse.scalar(
        "select revenue_amount from marts.fct_revenue where contract_id = 'CT-0011' "
        "and sku = 'RESERVED-FEE' and period_month = date '2026-10-01'"
    )
    assert fee == Decimal("240000.00")


def test_rv7_list_price_fallback_contracts_are_rated_at_list_less_discount(revenue_warehouse):
    sources = revenue_warehouse.query(
        "select distinct contract_id, price_source from marts.fct_rated_usage where contract_id in ('CT-0004', 'CT-0008')"
    )
    assert sorted(sources) == [("CT-0004", "list_price_less_discount"), ("CT-0008", "list_price_less_discount")]
    warned = revenue_warehouse.query(
        "select record_id from intermediate.int_revenue_exceptions where exception_type = 'contract_without_rates' "
        "and record_id in ('CT-0004', 'CT-0008') order by 1"
    )
    assert warned == [("CT-0004",), ("CT-0008",)]


def test_rv8_late_usage_recognized_in_the_month_consumed_and_shown_as_billed_later(revenue_warehouse):
    # RV-8: CUS-0004 usage 2026-09-28 .. 30 received 2026-10-06, after INV-000513 of 2026-10-01.
    late = revenue_warehouse.query(
        "select usage_id, period_month, billing_month from marts.fct_rated_usage where is_late_usage order by 1"
    )
    assert sorted(int(usage_id) for usage_id, _, _ in late) == [
        44508, 44509, 44510, 44538, 44539, 44540, 44568, 44569, 44570]
    assert {(str(month), str(billing)) for _, month, billing in late} == {("2026-09-01", "2026-10-01")}
    late_quantity = revenue_warehouse.scalar(
        "select sum(quantity) from marts.fct_rated_usage where is_late_usage"
    )
    shown = revenue_warehouse.scalar(
        "select sum(late_usage_quantity) from marts.rpt_usage_to_invoice_reconciliation "
        "where contract_id = 'CT-0004' and billing_month = date '2026-10-01'"
    )
    assert shown == late_quantity
    september_recognized = revenue_warehouse.scalar(
        "select sum(usage_quantity) from marts.fct_revenue where contract_id = 'CT-0004' and period_month = date '2026-09-01'"
    )
    september_metered = revenue_warehouse.scalar(
        "select sum(quantity) from marts.fct_rated_usage where contract_id = 'CT-0004' and period_month = date '2026-09-01'"
    )
    assert september_recognized == september_metered


def test_rv9_foreign_currency_contract_journals_in_functional_currency(revenue_warehouse):
    currencies = revenue_warehouse.query(
        "select distinct currency_code from intermediate.int_revenue_journal_lines where source_document_id = 'CT-0007'"
    )
    assert currencies == [("GBP",)]


def test_rv10_commissions_capitalized_and_amortized(revenue_warehouse):
    # CT-0011 commission 288,000.00 over its 24-month term: 12,000.00 a month.
    amortization = revenue_warehouse.query(
        "select distinct amortization_amount from intermediate.int_commission_costs_amortized where contract_id = 'CT-0011'"
    )
    assert amortization == [(Decimal("12000.00"),)]
    closing = revenue_warehouse.scalar(
        "select sum(closing_amount) from intermediate.int_commission_balances_monthly "
        "where contract_id = 'CT-0011' and period_month = date '2026-10-01'"
    )
    assert closing == Decimal("288000.00") - 19 * Decimal("12000.00")


def test_journals_balance_and_cover_every_month(revenue_warehouse):
    unbalanced = revenue_warehouse.scalar(
        "select count(*) from (select journal_id from intermediate.int_revenue_journal_lines "
        "group by journal_id having sum(debit_amount) <> sum(credit_amount))"
    )
    assert unbalanced == 0
    months = revenue_warehouse.scalar(
        "select count(distinct period_month) from intermediate.int_revenue_journal_lines where subsidiary_id = 'US01'"
    )
    assert months == 22  # 2025-01 .. 2026-10
