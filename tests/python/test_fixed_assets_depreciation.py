"""Book depreciation engine against worked examples from outside the project.

Sources:
- Kieso, Weygandt & Warfield, Intermediate Accounting (IFRS and US GAAP editions), ch. 11
  "Depreciation, Impairments, and Depletion", the Stanley Coal Mines crane: cost 500,000,
  salvage 50,000, 5-year life. Straight line 90,000 a year; sum-of-the-years'-digits
  150,000 / 120,000 / 90,000 / 60,000 / 30,000; double-declining balance (40 %)
  200,000 / 120,000 / 72,000 / 43,200 / 14,800 (the last year stops at salvage).
- ASC 250-10-45-17 (change in estimate: current and future periods only), as illustrated in
  the same chapter ("Revision of depreciation rates"): book value less salvage over the
  remaining revised life.
Other expectations are computed by hand in the test (each says how).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from infra_accounting.fixed_assets.depreciation import build_schedule, round_cents


def _asset(**overrides):
    row = {
        "asset_id": "A1",
        "subsidiary_id": "US01",
        "currency_code": "USD",
        "in_service_date": "2020-01-01",
        "cost": 500000.00,
        "salvage_value": 50000.00,
        "useful_life_months": 60,
        "depreciation_method": "straight_line",
        "declining_balance_rate": np.nan,
        "convention": "full_month",
        "salvage_pct": np.nan,
    }
    row.update(overrides)
    return row


def _events(rows=()):
    columns = ["event_id", "asset_id", "event_type", "event_date", "amount", "proceeds",
               "new_useful_life_months", "to_subsidiary_id", "to_currency_code", "fx_rate"]
    frame = pd.DataFrame(list(rows), columns=columns)
    if len(frame):
        frame["event_date"] = pd.to_datetime(frame["event_date"])
    return frame


def _run(assets, events=None, horizon="2040-12-01", fiscal_year_start_month=1, from_month=None):
    schedule, movements = build_schedule(pd.DataFrame(assets), events if events is not None else _events(), horizon,
                                         fiscal_year_start_month, from_month=from_month)
    schedule = schedule.sort_values(["asset_id", "period_month"]).reset_index(drop=True)
    return schedule, movements


def _annual(schedule):
    return (schedule.groupby(schedule["period_month"].dt.year)["depreciation_cents"].sum() / 100).round(2).tolist()


def test_kieso_straight_line_crane():
    schedule, _ = _run([_asset()])
    assert _annual(schedule) == [90000.00] * 5
    assert len(schedule) == 60
    assert schedule["depreciation_cents"].iloc[0] == 750000  # 90,000 / 12


def test_kieso_sum_of_years_digits_crane():
    schedule, _ = _run([_asset(depreciation_method="sum_of_years_digits")])
    assert _annual(schedule) == [150000.00, 120000.00, 90000.00, 60000.00, 30000.00]


def test_kieso_double_declining_balance_crane_stops_at_salvage():
    schedule, _ = _run([_asset(depreciation_method="declining_balance", declining_balance_rate=2.0)])
    assert _annual(schedule) == [200000.00, 120000.00, 72000.00, 43200.00, 14800.00]
    assert schedule["depreciation_cents"].sum() == 45000000  # cost - salvage


def test_declining_balance_switches_to_straight_line():
    # 150 % DB, cost 10,000, no salvage, 5 years. By hand: rate 30 %.
    # Y1 3,000.00 (NBV 7,000); Y2 DB 2,100 vs SL 7,000/4 = 1,750 -> 2,100 (NBV 4,900);
    # Y3 DB 1,470 vs SL 4,900/3 = 1,633.33 -> switch 1,633.33 (NBV 3,266.67);
    # Y4 DB 980 vs SL 3,266.67/2 = 1,633.34 (rounded on the cent NBV) -> 1,633.34; Y5 rest 1,633.33.
    schedule, _ = _run([_asset(cost=10000.00, salvage_value=0.0, depreciation_method="declining_balance",
                               declining_balance_rate=1.5)])
    assert _annual(schedule) == [3000.00, 2100.00, 1633.33, 1633.34, 1633.33]


def test_mid_month_convention_half_months_at_both_ends():
    # 120,000 over 60 months from 17 March: half a month (1,000) in March, 2,000 a month,
    # and the last half month in March five years later: 61 calendar months.
    schedule, _ = _run([_asset(in_service_date="2025-03-17", cost=120000.00, salvage_value=0.0,
                               convention="mid_month")])
    assert len(schedule) == 61
    assert schedule["depreciation_cents"].iloc[0] == 100000
    assert schedule["depreciation_cents"].iloc[1] == 200000
    assert schedule["depreciation_cents"].iloc[-1] == 100000
    assert schedule["period_month"].iloc[-1] == pd.Timestamp("2030-03-01")
    assert schedule["depreciation_cents"].sum() == 12000000


def test_next_month_convention_starts_the_following_month():
    schedule, _ = _run([_asset(in_service_date="2025-03-31", cost=3600.00, salvage_value=0.0,
                               useful_life_months=36, convention="next_month")])
    assert schedule["period_month"].iloc[0] == pd.Timestamp("2025-04-01")
    assert len(schedule) == 36 and set(schedule["depreciation_cents"]) == {10000}


def test_actual_days_convention_prorates_first_and_last_month():
    # 8,400 over 84 months = 100 a month; in service 11 April (30 days): 20/30 of April = 66.67,
    # the last month (April seven years later) takes the rest 10/30 = 33.33 (residual).
    schedule, _ = _run([_asset(in_service_date="2025-04-11", cost=8400.00, salvage_value=0.0,
                               useful_life_months=84, convention="actual_days")])
    assert schedule["depreciation_cents"].iloc[0] == 6667
    assert schedule["depreciation_cents"].iloc[-1] == 3333
    assert schedule["period_month"].iloc[-1] == pd.Timestamp("2032-04-01")
    assert schedule["depreciation_cents"].sum() == 840000


def test_half_year_sum_of_years_digits():
    # 28,000, 7 years SYD (digits 28): life-year amounts 7,000, 6,000, ..., 1,000.
    # Half-year convention: FY1 = 3,500; FY2 = 3,500 + 3,000 = 6,500; FY3 = 5,500; ...; FY8 = 500.
    schedule, _ = _run([_asset(in_service_date="2025-09-10", cost=28000.00, salvage_value=0.0, useful_life_months=84,
                               depreciation_method="sum_of_years_digits", convention="half_year")])
    assert _annual(schedule) == [3500.00, 6500.00, 5500.00, 4500.00, 3500.00, 2500.00, 1500.00, 500.00]
    # the first year's half is spread over Sep-Dec (4 months)
    assert schedule["depreciation_cents"].iloc[0] == 87500


def test_salvage_and_rounding_residual_in_last_period():
    # 10,000 - 1,000 salvage over 7 months: 1,285.71 x 6 and the residual 1,285.74 last.
    schedule, _ = _run([_asset(cost=10000.00, salvage_value=1000.00, useful_life_months=7)])
    assert schedule["depreciation_cents"].tolist() == [128571] * 6 + [128574]


def test_useful_life_change_is_prospective():
    # Revision of depreciation rates (ASC 250-10-45-17): cost 300,000, no salvage, 20 years SL
    # (15,000 a year). After 10 years (book value 150,000) the total life is revised to 30 years:
    # 150,000 over the remaining 20 years = 7,500 a year from year 11; years 1-10 unchanged.
    events = _events([("E1", "A1", "useful_life_change", "2030-01-01", None, None, 360, None, None, None)])
    schedule, _ = _run([_asset(cost=300000.00, salvage_value=0.0, useful_life_months=240)], events, "2049-12-01")
    annual = _annual(schedule)
    assert annual[:10] == [15000.00] * 10
    assert annual[10:] == [7500.00] * 20
    assert schedule["depreciation_cents"].sum() == 30000000


def test_partial_disposal_retires_cost_and_accumulated_depreciation_pro_rata():
    # 60,000 SL 60 months from Jan 2025 (1,000 a month). 25 % of the cost (15,000) retired on
    # 20 June 2025: accumulated depreciation through June 6,000 x 25 % = 1,500 retired.
    # Remaining 45,000 cost, 4,500 accumulated: 40,500 over the remaining 54 months = 750.
    events = _events([("E1", "A1", "partial_disposal", "2025-06-20", 15000.00, 0.0, None, None, None, None)])
    schedule, movements = _run([_asset(in_service_date="2025-01-01", cost=60000.00, salvage_value=0.0)], events)
    partial = movements[movements["movement_type"] == "partial_disposal"].iloc[0]
    assert partial["cost_cents"] == -1500000 and partial["accumulated_cents"] == -150000
    assert schedule["depreciation_cents"].iloc[5] == 100000  # June on the old basis
    assert schedule["depreciation_cents"].iloc[6] == 75000
    # 6 x 1,000 before the retirement + 54 x 750 after = 46,500; with the 1,500 retired this
    # fully depreciates the remaining 45,000
    assert schedule["depreciation_cents"].sum() == 4650000


def test_full_disposal_mid_month_takes_half_a_month_and_stops():
    events = _events([("E1", "A1", "disposal", "2026-06-15", 120000.00, 50000.00, None, None, None, None)])
    schedule, movements = _run([_asset(in_service_date="2025-03-17", cost=120000.00, salvage_value=0.0,
                                       convention="mid_month")], events)
    # Mar 2025 1,000; Apr 2025 - May 2026 14 x 2,000; Jun 2026 half month 1,000 -> 30,000
    assert schedule["period_month"].iloc[-1] == pd.Timestamp("2026-06-01")
    assert schedule["depreciation_cents"].iloc[-1] == 100000
    assert schedule["depreciation_cents"].sum() == 3000000
    disposal = movements[movements["movement_type"] == "disposal"].iloc[0]
    assert disposal["cost_cents"] == -12000000 and disposal["accumulated_cents"] == -3000000
    assert disposal["proceeds_cents"] == 5000000


def test_impairment_new_basis_depreciated_prospectively():
    # 120,000 SL 60 months from Jan 2025; after 24 months NBV 72,000; impairment of 36,000 on
    # 31 Dec 2026 -> carrying 36,000 over the remaining 36 months = 1,000 a month (ASC 360-10-35-20).
    events = _events([("E1", "A1", "impairment", "2026-12-31", 36000.00, None, None, None, None, None)])
    schedule, _ = _run([_asset(in_service_date="2025-01-01", cost=120000.00, salvage_value=0.0)], events)
    assert schedule["depreciation_cents"].iloc[23] == 200000
    assert schedule["depreciation_cents"].iloc[24] == 100000
    assert schedule["depreciation_cents"].sum() == 4800000 + 3600000


def test_entity_transfer_converts_and_continues():
    # 12,000 USD SL 12 months from Jan 2025; transferred on 1 July to a EUR entity at 0.9:
    # cost 10,800 EUR, accumulated 5,400 EUR; 5,400 over 6 months = 900 EUR a month.
    events = _events([("E1", "A1", "entity_transfer", "2025-07-01", None, None, None, "IE01", "EUR", 0.9)])
    schedule, movements = _run([_asset(in_service_date="2025-01-01", cost=12000.00, salvage_value=0.0,
                                       useful_life_months=12)], events)
    assert schedule[schedule["subsidiary_id"] == "US01"]["depreciation_cents"].sum() == 600000
    eur = schedule[schedule["subsidiary_id"] == "IE01"]
    assert eur["currency_code"].unique().tolist() == ["EUR"]
    assert eur["depreciation_cents"].tolist() == [90000] * 6
    transfer_in = movements[movements["movement_type"] == "transfer_in"].iloc[0]
    assert transfer_in["cost_cents"] == 1080000 and transfer_in["accumulated_cents"] == 540000


def test_horizon_truncates_without_changing_amounts():
    full, _ = _run([_asset(cost=10000.00, salvage_value=0.0, useful_life_months=7)])
    cut, _ = _run([_asset(cost=10000.00, salvage_value=0.0, useful_life_months=7)], horizon="2020-03-01")
    assert cut["depreciation_cents"].tolist() == full["depreciation_cents"].tolist()[:3]


@pytest.mark.parametrize("value,cents", [(0.005, 1), (-0.005, -1), (2.675, 268), (1.004999, 100)])
def test_round_half_away_from_zero(value, cents):
    assert round_cents([value])[0] == cents


def test_partial_disposal_by_percentage_equals_the_same_disposal_by_amount():
    # The same 25 % retirement as above given as disposal_pct (no amount): 25 % of the 60,000
    # cost carried at the event = 15,000 cost and 1,500 accumulated depreciation retired,
    # the remaining 40,500 depreciated at 750 a month (hand computation above).
    events = _events([("E1", "A1", "partial_disposal", "2025-06-20", None, 0.0, None, None, None, None)])
    events["disposal_pct"] = [0.25]
    schedule, movements = _run([_asset(in_service_date="2025-01-01", cost=60000.00, salvage_value=0.0)], events)
    partial = movements[movements["movement_type"] == "partial_disposal"].iloc[0]
    assert partial["cost_cents"] == -1500000 and partial["accumulated_cents"] == -150000
    assert schedule["depreciation_cents"].iloc[6] == 75000
    assert schedule["depreciation_cents"].sum() == 4650000


def test_partial_disposal_percentage_applies_to_the_cost_after_earlier_events():
    # 60,000 cost; +12,000 cost adjustment on 1 Jan 2026 -> 72,000; then 1/3 retired on
    # 1 Jul 2026 by percentage = 24,000 (not 1/3 of the original 60,000 = 20,000).
    events = _events([
        ("E1", "A1", "cost_adjustment", "2026-01-01", 12000.00, None, None, None, None, None),
        ("E2", "A1", "partial_disposal", "2026-07-01", None, 0.0, None, None, None, None),
    ])
    events["disposal_pct"] = [np.nan, 1 / 3]
    _, movements = _run([_asset(in_service_date="2025-01-01", cost=60000.00, salvage_value=0.0)], events)
    partial = movements[movements["movement_type"] == "partial_disposal"].iloc[0]
    assert partial["cost_cents"] == -2400000


def test_half_year_disposal_year_takes_half_a_year():
    # Kieso ch. 11 (half-year convention: half a year in the year of acquisition and half in
    # the year of disposal). 12,000 SL, 10 years, no salvage, in service 10 Mar 2020
    # (half_year: 600 spread over Mar-Dec 2020), then 1,200 a year = 100 a month.
    # Disposed 10 Apr 2023 -> FY2023 must total half a year = 600: Jan-Mar 3 x 100 booked,
    # April books the other 3 x 100 = 300 (catch-up).
    base = dict(in_service_date="2020-03-10", cost=12000.00, salvage_value=0.0, useful_life_months=120,
                convention="half_year")
    events = _events([("E1", "A1", "disposal", "2023-04-10", 12000.00, 0.0, None, None, None, None)])
    schedule, movements = _run([_asset(**base)], events)
    assert _annual(schedule) == [600.00, 1200.00, 1200.00, 600.00]
    assert schedule["depreciation_cents"].iloc[-1] == 30000
    disposal = movements[movements["movement_type"] == "disposal"].iloc[0]
    assert disposal["accumulated_cents"] == -360000
    # disposed in November: Jan-Oct 10 x 100 booked, November reverses 4 x 100 -> FY = 600
    events = _events([("E1", "A1", "disposal", "2023-11-20", 12000.00, 0.0, None, None, None, None)])
    schedule, _ = _run([_asset(**base)], events)
    assert _annual(schedule) == [600.00, 1200.00, 1200.00, 600.00]
    assert schedule["depreciation_cents"].iloc[-1] == -40000
    # disposed in the fiscal year it was placed in service: the acquisition half-year stands,
    # the disposal month books nothing
    events = _events([("E1", "A1", "disposal", "2020-07-15", 12000.00, 0.0, None, None, None, None)])
    schedule, _ = _run([_asset(**base)], events)
    assert schedule["depreciation_cents"].iloc[-1] == 0
    assert schedule["depreciation_cents"].sum() == 4 * 6000


def test_half_year_disposal_year_declining_balance():
    # 10,000, 5-year DDB (40 %), half_year, in service 1 Jan 2020 (FY1 half = 2,000 over 12 months).
    # FY2021 on opening NBV 8,000: 3,200 a full year; disposed 1 Mar 2021 -> half = 1,600:
    # Jan-Feb 2 x 266.67 (= 3,200 / 12) then March books the rest of the half: 1,600.00 - 533.34
    # = 1,066.66 (the year's amount rounded once, FA-004).
    events = _events([("E1", "A1", "disposal", "2021-03-01", 10000.00, 0.0, None, None, None, None)])
    schedule, _ = _run([_asset(in_service_date="2020-01-01", cost=10000.00, salvage_value=0.0,
                               depreciation_method="declining_balance", declining_balance_rate=2.0,
                               convention="half_year")], events)
    assert _annual(schedule)[0] == 2000.00
    assert schedule["depreciation_cents"].tolist()[12:] == [26667, 26667, 106666]
    assert _annual(schedule) == [2000.00, 1600.00]


# Issue #3: history must not depend on the close period. The schedule of every month up to a
# horizon must be the same whatever the horizon (the close period) and whatever happens after
# that month (ASC 250-10-45-17: estimates change prospectively; a closed month is not
# recomputed). The accelerated methods set an amount per fiscal year and split it over its
# months, so a horizon inside a fiscal year must not turn the year into a part year nor put
# the year's rounding residual into the horizon month.
_HORIZON_CASES = [
    dict(asset_id="SYD-FM", in_service_date="2024-04-01", cost=123457.89, salvage_value=1000.00,
         useful_life_months=36, depreciation_method="sum_of_years_digits", convention="full_month"),
    dict(asset_id="SYD-MM", in_service_date="2024-07-16", cost=98765.43, salvage_value=0.0,
         useful_life_months=48, depreciation_method="sum_of_years_digits", convention="mid_month"),
    dict(asset_id="DDB-HY", in_service_date="2024-03-10", cost=77777.77, salvage_value=777.00,
         useful_life_months=60, depreciation_method="declining_balance", declining_balance_rate=2.0,
         convention="half_year"),
    dict(asset_id="DB150-AD", in_service_date="2024-09-17", cost=55555.55, salvage_value=0.0,
         useful_life_months=60, depreciation_method="declining_balance", declining_balance_rate=1.5,
         convention="actual_days"),
    dict(asset_id="SL-MM", in_service_date="2024-05-20", cost=33333.33, salvage_value=0.0,
         useful_life_months=37, depreciation_method="straight_line", convention="mid_month"),
]


def _by_month(schedule):
    return {(row.asset_id, row.period_month): row.depreciation_cents for row in schedule.itertuples()}


def test_history_does_not_depend_on_the_horizon():
    assets = [_asset(**case) for case in _HORIZON_CASES]
    full = _by_month(_run(assets, horizon="2032-12-01")[0])
    for horizon in pd.date_range("2024-04-01", "2029-12-01", freq="MS"):
        cut = _by_month(_run(assets, horizon=horizon)[0])
        expected = {key: value for key, value in full.items() if key[1] <= horizon}
        differing = {key: (value, expected.get(key)) for key, value in cut.items() if expected.get(key) != value}
        assert differing == {}, f"horizon {horizon:%Y-%m}: {differing}"
        assert set(cut) == set(expected)


def test_history_does_not_depend_on_a_later_event():
    # an impairment, a cost adjustment and a full disposal in the middle of a fiscal year
    # change that month onwards, never the months before it
    assets = [_asset(**case) for case in _HORIZON_CASES]
    plain = _by_month(_run(assets)[0])
    for event_type, amount in [("impairment", 5000.00), ("cost_adjustment", 4000.00), ("disposal", 0.0)]:
        events = _events([(f"E{i}", case["asset_id"], event_type, "2025-08-15", amount, 0.0, None, None, None, None)
                          for i, case in enumerate(_HORIZON_CASES)])
        changed = _by_month(_run(assets, events)[0])
        before = {key: value for key, value in changed.items() if key[1] < pd.Timestamp("2025-08-01")}
        assert before == {key: value for key, value in plain.items() if key[1] < pd.Timestamp("2025-08-01")}, event_type


def test_rows_from_a_month_are_the_full_schedule_from_that_month():
    # an incremental close asks the engine for the months after the last one it keeps
    # (from_month): those rows and movements must be exactly the full run's, for every method,
    # convention and kind of event, whichever month the close starts from
    assets = [_asset(**case) for case in _HORIZON_CASES]
    events = _events([
        ("E1", "SYD-FM", "impairment", "2025-02-14", 5000.00, 0.0, None, None, None, None),
        ("E2", "DDB-HY", "entity_transfer", "2025-07-01", None, None, None, "IE01", "EUR", 0.9),
        ("E3", "SL-MM", "partial_disposal", "2025-11-03", 3333.33, 100.0, None, None, None, None),
        ("E4", "DB150-AD", "disposal", "2026-01-20", 0.0, 2000.00, None, None, None, None),
        ("E5", "SYD-MM", "useful_life_change", "2025-05-01", None, None, 60, None, None, None),
    ])
    full_schedule, full_movements = build_schedule(pd.DataFrame(assets), events, "2027-06-01")
    for from_month in pd.date_range("2024-01-01", "2027-07-01", freq="MS"):
        schedule, movements = build_schedule(pd.DataFrame(assets), events, "2027-06-01", from_month=from_month)
        expected = _by_month(full_schedule[full_schedule["period_month"] >= from_month])
        assert _by_month(schedule) == expected, f"from {from_month:%Y-%m}"
        assert len(schedule) == len(expected)
        kept = full_movements[full_movements["period_month"] >= from_month].reset_index(drop=True)
        pd.testing.assert_frame_equal(movements.reset_index(drop=True), kept, check_dtype=False)
    # every kind of event above was booked, so each is covered across the from_month boundary
    assert {"impairment", "transfer_out", "transfer_in", "partial_disposal", "disposal"} <= set(full_movements["movement_type"])


@pytest.mark.parametrize("fiscal_year_start_month", [1, 10])
def test_months_not_generated_before_the_first_month_returned_change_no_cent(fiscal_year_start_month):
    # an incremental close does not generate the months before the first one it returns for
    # the straight-line assets without events (FA-022): the skipped months' fiscal-year true-ups
    # and life-end residual are carried by formula. A portfolio of every convention, method,
    # life (whole, odd, one month) and salvage, in service over four years, some with events
    # (never skipped), must give, from every month, exactly the full run's rows
    rng = np.random.default_rng(fiscal_year_start_month)
    count = 200
    conventions = np.array(["full_month", "mid_month", "next_month", "actual_days", "half_year"])
    methods = np.array(["straight_line"] * 6 + ["none", "sum_of_years_digits"])
    in_service = pd.to_datetime("2022-01-01") + pd.to_timedelta(rng.integers(0, 4 * 365, count), unit="D")
    cost = rng.integers(10_000, 500_000_000, count) / 100
    assets = pd.DataFrame({
        "asset_id": [f"A{i:03d}" for i in range(count)],
        "subsidiary_id": "US01",
        "currency_code": "USD",
        "in_service_date": in_service,
        "cost": cost,
        "salvage_value": np.where(rng.random(count) < 0.4, np.round(cost * rng.random(count) * 0.2, 2), 0.0),
        "useful_life_months": rng.choice([1, 2, 3, 11, 12, 13, 24, 36, 37, 59, 60], count),
        "depreciation_method": rng.choice(methods, count),
        "declining_balance_rate": np.nan,
        "convention": rng.choice(conventions, count),
        "salvage_pct": np.nan,
    })
    events = _events([
        (f"E{i}", f"A{i:03d}", event_type, date, amount, 0.0, None, None, None, None)
        for i, (event_type, date, amount) in enumerate([
            ("impairment", "2024-03-14", 1000.00), ("cost_adjustment", "2025-06-01", 2500.00),
            ("disposal", "2025-09-20", 0.0), ("impairment", "2023-12-05", 500.00),
        ])
    ])
    horizon = "2027-12-01"
    full_schedule, full_movements = _run(assets, events, horizon, fiscal_year_start_month)
    # the full run itself: no month below zero and never more than cost less salvage for an
    # asset without events (a half-year head longer than a short life, or an event on an
    # asset whose sum-of-the-years'-digits life has ended, once broke both)
    plain = full_schedule[~full_schedule["asset_id"].isin(events["asset_id"])]
    assert (plain["depreciation_cents"] >= 0).all(), plain[plain["depreciation_cents"] < 0].head()
    booked = plain.groupby("asset_id")["depreciation_cents"].sum()
    by_asset = assets.set_index("asset_id")
    basis = ((by_asset["cost"] - by_asset["salvage_value"]) * 100).round().astype(np.int64)
    assert (booked <= basis.reindex(booked.index)).all()
    assert full_schedule["depreciation_cents"].abs().max() < 10**12
    for from_month in pd.date_range("2022-01-01", "2028-01-01", freq="MS"):
        schedule, movements = _run(assets, events, horizon, fiscal_year_start_month, from_month)
        expected = full_schedule[full_schedule["period_month"] >= from_month].reset_index(drop=True)
        pd.testing.assert_frame_equal(schedule, expected, obj=f"rows from {from_month:%Y-%m}")
        kept = full_movements[full_movements["period_month"] >= from_month].reset_index(drop=True)
        pd.testing.assert_frame_equal(movements.reset_index(drop=True), kept, check_dtype=False)
    assert full_schedule["asset_id"].nunique() == count
