"""The fixed-asset subledger on the demo company's planted cases (docs/demo_company.md, FA-1..FA-17).

Expected figures are computed by hand from the extract values and the policy (shown in each
test), not read from the warehouse.
"""
from __future__ import annotations

from decimal import Decimal

import pytest



@pytest.fixture(scope="module")
def fa_warehouse(demo_warehouse):
    """The session's demo close (conftest): one build serves every area's demo tests."""
    return demo_warehouse


def _journal(warehouse, journal_id):
    rows = warehouse.query(
        "select account_number, debit_amount, credit_amount from intermediate.int_fixed_asset_journal_lines "
        "where journal_id = ? order by journal_line_number", [journal_id])
    return {account: (debit, credit) for account, debit, credit in rows}


def test_build_passes(fa_warehouse):
    assert fa_warehouse.exit_code == 0


def test_fa2_disposal_with_proceeds_after_life_change(fa_warehouse):
    # FA-0000064: cost 304,317.48, salvage 3 % = 9,129.52; in service 17 Mar 2025 (mid-month).
    # 295,187.96 / 60 = 4,919.80 a month; March half 2,459.90; Apr-Nov 8 x 4,919.80; December
    # brings the year to the exact 295,187.96 x 9.5 / 60 = 46,738.09 (FA-020) -> accumulated
    # 46,738.09, NBV 257,579.39 at Dec 2025. Life 48 from Jan 2026 (FA-9):
    # consumed 9.5 months, (257,579.39 - 9,129.52) / 38.5 = 6,453.24; Jan-May 32,266.20; June
    # (disposal on the 15th, mid-month) half 3,226.62 -> accumulated 82,230.91, NBV 222,086.57;
    # sold for 145,000.00 -> loss 77,086.57.
    lines = _journal(fa_warehouse, "FA-DSP-AE-0070")
    assert lines["1611"] == (Decimal("82230.91"), Decimal("0.00"))
    assert lines["1200"] == (Decimal("145000.00"), Decimal("0.00"))
    assert lines["7100"] == (Decimal("77086.57"), Decimal("0.00"))
    assert lines["1610"] == (Decimal("0.00"), Decimal("304317.48"))


def test_fa4_partial_disposal_pro_rata(fa_warehouse):
    # FA-0000095: cost 301,333.84, salvage 9,040.02, in service 14 May 2025: 292,293.82 / 60 =
    # 4,871.56; May half 2,435.78; Jun 2025 - Apr 2026 11 x 4,871.56 = 53,587.16, December 2025
    # bringing 2025 to the exact 292,293.82 x 7.5 / 60 = 36,536.73 (+0.03, FA-020) -> 56,022.97.
    # Retired 54,240.09 of cost (18 %): accumulated 56,022.97 x 54,240.09 / 301,333.84 = 10,084.13;
    # loss = 54,240.09 - 10,084.13 = 44,155.96 (no proceeds).
    lines = _journal(fa_warehouse, "FA-DSP-AE-0068")
    assert lines["1611"] == (Decimal("10084.13"), Decimal("0.00"))
    assert lines["7100"] == (Decimal("44155.96"), Decimal("0.00"))
    assert lines["1610"] == (Decimal("0.00"), Decimal("54240.09"))


def test_fa5_transfer_moves_entity_and_currency(fa_warehouse):
    rows = fa_warehouse.query(
        "select subsidiary_id, currency_code, min(period_month), max(period_month) from marts.fct_asset_depreciation "
        "where asset_id = 'FA-0000170' group by 1, 2 order by 3")
    assert [(r[0], r[1]) for r in rows] == [("US01", "USD"), ("IE01", "EUR")]
    assert str(rows[0][3]) == "2026-04-01" and str(rows[1][2]) == "2026-05-01"


def test_fa7_impairment_is_new_cost_basis(fa_warehouse):
    # storage array FA-0000335: cost 800,991.13 less the 200,247.78 impairment = 600,743.35 at Aug 2026
    cost = fa_warehouse.scalar(
        "select cost_amount from marts.fct_asset_depreciation where asset_id = 'FA-0000335' and period_month = '2026-08-01'")
    assert cost == Decimal("800991.13") - Decimal("200247.78")


def test_fa11_fa12_cip_controls_flag_planted_projects(fa_warehouse):
    rows = dict(fa_warehouse.query("select project_id, cip_status from marts.rpt_cip_aging"))
    assert rows["CP-009"] == "stale"
    assert rows["CP-011"] == "accepted_not_capitalized"
    assert rows["CP-012"] == "in_progress"
    assert all(rows[f"CP-{n:03d}"] == "capitalized" for n in (1, 2, 3, 4, 5, 6, 7, 8, 10))


def test_fa13_cip_balance_equals_register_rows_still_in_cip(fa_warehouse):
    cip, register = fa_warehouse.query(
        "select (select cip_balance_amount from marts.rpt_cip_aging where project_id = 'CP-012'), "
        "(select sum(cost_amount) from intermediate.int_fixed_assets_classified where project_id = 'CP-012')")[0]
    assert cip == register


def test_fa14_below_threshold_items_are_listed_not_depreciated(fa_warehouse):
    listed = {r[0] for r in fa_warehouse.query("select asset_id from marts.rpt_assets_expensed_below_threshold")}
    assert {f"FA-{n:07d}" for n in range(1510, 1516)} <= listed
    assert fa_warehouse.scalar(
        "select count(*) from marts.fct_asset_depreciation where asset_id between 'FA-0001510' and 'FA-0001515'") == 0


def test_fa15_life_override_and_fa16_land(fa_warehouse):
    # FA-0001516 SF fit-out: 70-month override, full month, no salvage -> cost / 70 a month
    cost, first = fa_warehouse.query(
        "select cost_amount, depreciation_amount from marts.fct_asset_depreciation where asset_id = 'FA-0001516' "
        "order by period_month limit 1")[0]
    assert first == (cost / 70).quantize(Decimal("0.01"))
    land = fa_warehouse.query(
        "select sum(depreciation_amount), min(net_book_value_amount) = max(cost_amount) "
        "from marts.fct_asset_depreciation where asset_id = 'FA-0001521'")[0]
    assert land[0] == 0 and land[1]


def test_no_event_exceptions_in_the_demo(fa_warehouse):
    assert fa_warehouse.scalar("select count(*) from intermediate.int_fixed_asset_event_exceptions") == 0


def test_fa18_cip_write_off_of_abandoned_costs(fa_warehouse):
    # CWO-001 (seeds/infra/capital_project_write_offs.csv): 48,500.00 of CP-009 written off on
    # 2026-10-20 (FA-017): CIP roll-forward written off, Dr 7200 / Cr 1690, CP-009 still stale.
    opening, additions, written_off, closing = fa_warehouse.query(
        "select cip_opening_amount, cip_additions_amount, cip_written_off_amount, cip_closing_amount "
        "from marts.rpt_cip_rollforward where project_id = 'CP-009' and period_month = '2026-10-01'")[0]
    assert written_off == Decimal("-48500.00")
    assert closing == opening + additions + written_off
    lines = fa_warehouse.query(
        "select account_number, debit_amount, credit_amount, posting_date from intermediate.int_fixed_asset_journal_lines "
        "where journal_id = 'FA-CWO-CWO-001' order by journal_line_number")
    assert [(a, d, c) for a, d, c, _ in lines] == [
        ("7200", Decimal("48500.00"), Decimal("0.00")), ("1690", Decimal("0.00"), Decimal("48500.00"))]
    assert str(lines[0][3]) == "2026-10-20"
    assert fa_warehouse.scalar("select cip_status from marts.rpt_cip_aging where project_id = 'CP-009'") == "stale"
