"""The lease subledger on the demo company (docs/demo_company.md, planted cases LS-a .. LS-p).

Builds only the lease area and its parents into a temporary warehouse. The lease payments the
subledger computes are compared with the AP lease payments that the demo generator (an
independent implementation of the same abstracts) posted to the GL.
"""

from __future__ import annotations

import pytest

from tests.python.conftest import build_warehouse


@pytest.fixture(scope="module")
def leases(demo_warehouse):
    """The session's demo close (conftest): one build serves every area's demo tests."""
    return demo_warehouse


def test_lease_build_and_controls_pass(leases):
    assert leases.exit_code == 0


def _dim(leases, lease_id, column):
    return leases.scalar(f"select {column} from marts.dim_leases where lease_id = ?", [lease_id])


def test_population_includes_embedded_leases_only_when_all_criteria_met(leases):
    embedded = {row[0] for row in leases.query(
        "select lease_id from marts.dim_leases where lease_source = 'embedded_service_contract'")}
    assert embedded == {"SC-001", "SC-003", "SC-008"}  # LS-p
    assert _dim(leases, "SC-008", "classification") == "short_term"  # 12 months, policy election


def test_planted_classifications(leases):
    assert _dim(leases, "LS-003", "classification_at_commencement") == "finance"  # LS-j
    assert _dim(leases, "LS-003", "is_purchase_option_met")
    assert _dim(leases, "LS-018", "classification_at_commencement") == "finance"  # LS-k
    assert _dim(leases, "LS-018", "is_ownership_transfer_met") and _dim(leases, "LS-018", "is_specialized_asset_met")
    assert _dim(leases, "LS-010", "classification") == "short_term"  # LS-i
    assert _dim(leases, "LS-014", "classification_at_commencement") == "operating"  # LS-g
    assert _dim(leases, "LS-014", "classification") == "finance"
    assert _dim(leases, "LS-011", "lease_status") == "terminated"  # LS-f
    assert _dim(leases, "LS-015", "lease_term_months") == 120  # renewal reasonably certain


def test_commencement_in_close_month_with_idc_and_prepaid_rent(leases):
    # LS-l: ROU = liability + initial direct costs 60,000 + prepaid rent 260,000 (ASC 842-20-30-5)
    liability, rou = leases.query(
        "select liability_commencement_amount, rou_commencement_amount from marts.fct_lease_schedule "
        "where lease_id = 'LS-016' and period_month = date '2026-10-01'")[0]
    assert liability > 0
    assert rou - liability == 320000


def test_incentives_reduce_rou(leases):
    # LS-m: LS-005 incentive 250,000, IDC 40,000, prepaid 95,000
    liability, rou = leases.query(
        "select initial_liability_amount, initial_rou_amount from marts.dim_leases where lease_id = 'LS-005'")[0]
    assert rou - liability == 40000 + 95000 - 250000


def test_subledger_payments_equal_ap_lease_payments_of_the_demo_gl(leases):
    rows = leases.query(
        """
        with gl as (
            select regexp_extract(memo, 'lease_payment (\\S+) ', 1) as lease_id,
                   cast(date_trunc('month', posting_date) as date) as period_month,
                   sum(debit) as paid_amount
            from staging.stg_erp__gl_entries
            where memo like 'lease_payment %' and account_number = '2000' and source = 'ap'
            group by all
        ),
        subledger as (
            select source_document_id as lease_id, period_month,
                   sum(credit_amount) - sum(debit_amount) as owed_amount
            from intermediate.int_lease_journal_lines
            where account_number = '2000' and journal_type in ('lease_monthly', 'lease_modification')
              and source_document_id like 'LS-%'
            group by all
        )
        select coalesce(gl.lease_id, subledger.lease_id), coalesce(gl.period_month, subledger.period_month),
               coalesce(paid_amount, 0), coalesce(owed_amount, 0)
        from gl
        full outer join subledger
            on gl.lease_id = subledger.lease_id and gl.period_month = subledger.period_month
        where coalesce(gl.period_month, subledger.period_month) <= date '2026-10-01'
          and coalesce(paid_amount, 0) <> coalesce(owed_amount, 0)
        """
    )
    assert rows == []


def test_planted_rou_impairment_of_an_operating_lease(leases):
    # LS-q (docs/demo_company.md): IMP-001 writes the San Francisco HQ ROU (LS-005, operating) down by
    # 850,000.00 in the open month 2026-10 (leases/rou_impairments). ASC 842-20-35-9/-10 and PwC Leases
    # guide LG 4.6.2: the liability is not affected, the remaining ROU is amortized straight-line over
    # the remaining term and the single lease cost becomes that amortization plus the liability's accretion.
    assert leases.scalar("select is_applied from intermediate.int_lease_impairments_validated "
                         "where impairment_id = 'IMP-001'")
    rows = leases.query(
        "select period_month, rou_opening_amount, rou_impairment_amount, rou_amortization_amount, "
        "interest_amount, lease_cost_amount, liability_opening_amount, payment_amount, liability_closing_amount "
        "from marts.fct_lease_schedule where lease_id = 'LS-005' and period_month >= date '2026-10-01' "
        "order by period_month")
    assert rows[0][2] == 850000 and all(r[2] == 0 for r in rows[1:])
    remaining = len(rows)
    assert remaining == 51  # 2026-10 .. 2030-12
    carrying_after = rows[0][1] - 850000
    straight_line = carrying_after / remaining
    for r in rows:
        assert abs(r[3] - straight_line) <= 0.01 * remaining  # cent rounding, residual in the last month
        assert r[5] == r[3] + r[4]  # single lease cost = SL amortization + interest accretion
    assert sum(r[3] for r in rows) == carrying_after  # ROU fully amortized by the end of the term
    # the liability is untouched by the impairment: it keeps rolling at the effective interest method
    for r in rows:
        assert r[8] == r[6] + r[4] - r[7]
    # pre-impairment months are straight-line single cost (unchanged posted history)
    before = leases.query("select distinct lease_cost_amount from marts.fct_lease_schedule "
                          "where lease_id = 'LS-005' and period_month between date '2026-01-01' and date '2026-09-01'")
    assert len(before) == 1
    # roll-forward, cost disclosure and journals show it
    assert leases.scalar("select impairment_amount from marts.rpt_rou_rollforward where subsidiary_id = 'US01' "
                         "and classification = 'operating' and period_month = date '2026-10-01'") == -850000
    assert leases.scalar("select rou_impairment_loss_amount from marts.rpt_lease_cost_disclosure "
                         "where subsidiary_id = 'US01' and fiscal_year = 2026") == 850000
    journal = leases.query(
        "select account_number, debit_amount, credit_amount from intermediate.int_lease_journal_lines "
        "where journal_id = 'LS-IMP-LS-005-2026-10' order by journal_line_number")
    assert journal == [("7200", 850000, 0), ("1700", 0, 850000)]


def test_rou_impairment_input_errors_are_listed(tmp_path):
    # A bad impairment row (before commencement) is listed with its reason, and the close stops on it.
    import shutil
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    extracts = tmp_path / "extracts"
    shutil.copytree(root / "seeds", extracts, ignore=shutil.ignore_patterns("*.yml"))
    with open(extracts / "leases" / "rou_impairments.csv", "a", encoding="utf-8") as handle:
        handle.write("IMP-BAD,LS-005,2024-06-30,1000.00,dated before commencement\n")
    built = build_warehouse(tmp_path / "build", extracts_dir=extracts,
                            select="+int_lease_exceptions +assert_no_lease_input_errors")
    assert built.exit_code != 0
    reasons = built.query("select exception_reason from intermediate.int_lease_exceptions "
                          "where extract_name = 'leases/rou_impairments'")
    assert reasons == [("ROU impairment not applied: impairment dated before the lease commencement date",)]


def test_ownership_transfer_hand_off_to_fixed_assets(leases):
    # LS-k: LS-018 transfers title at the end of its 48-month term; the ROU is amortized over the
    # 84-month economic life (ASC 842-20-35-8), so at the hand-off 36/84 of the cost is still carried
    # and goes to the fixed-asset register with 36 months of life left. The term ends 2029-09, after
    # the close: a projection, no hand-off journal is due yet.
    initial_rou = leases.scalar("select initial_rou_amount from marts.dim_leases where lease_id = 'LS-018'")
    row = leases.query(
        "select transfer_basis, hand_off_month, is_hand_off_due, rou_cost_amount, accumulated_amortization_amount, "
        "rou_carrying_amount, remaining_useful_life_months, rou_asset_account, rou_accumulated_amortization_account "
        "from marts.rpt_lease_ownership_transfers where lease_id = 'LS-018'")[0]
    basis, month, due, cost, accumulated, carrying, remaining, rou_account, accumulated_account = row
    assert basis == "ownership_transfer" and str(month) == "2029-09-01" and not due
    assert cost == initial_rou and cost == accumulated + carrying
    assert abs(float(carrying) - float(initial_rou) * 36 / 84) <= 0.48  # cent rounding of 48 monthly amounts
    assert remaining == 36
    assert (rou_account, accumulated_account) == ("1710", "1711")
    # LS-014's purchase option became reasonably certain by modification (MOD-006): it is listed too
    assert leases.scalar("select transfer_basis from marts.rpt_lease_ownership_transfers "
                         "where lease_id = 'LS-014'") == "purchase_option"
