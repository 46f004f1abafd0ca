"""MACRS percentage tables (IRS Publication 946, Appendix A) and their seed.

Each transcribed table is checked three ways: its columns sum to 100 % (within the table's
printed rounding), it agrees year by year with the statutory computation of IRC 168 (within
the printed precision), and the committed seed equals the transcription. Spot values are the
printed figures of Publication 946 (e.g. Table A-1 5-year: 20.00 / 32.00 / 19.20 / 11.52 /
11.52 / 5.76; Table A-7a January: 2.461, 2.564, ..., 0.107).
"""
from __future__ import annotations

import csv

import pytest

from infra_accounting.fixed_assets import macrs


def _tables():
    for years, pct in macrs.HALF_YEAR.items():
        yield ("A-1", years, "HY", 0, pct)
    for quarter, tables in macrs.MID_QUARTER.items():
        for years, pct in tables.items():
            yield (f"A-{quarter + 1}", years, "MQ", quarter, pct)
    for month in range(1, 13):
        yield ("A-6", 27.5, "MM", month, macrs.residential_27_5(month))
        yield ("A-7a", 39, "MM", month, macrs.nonresidential_39(month))


TABLES = list(_tables())


@pytest.mark.parametrize("table,years,convention,period,pct", TABLES, ids=[f"{t[0]}-{t[1]}-{t[3]}" for t in TABLES])
def test_table_sums_to_100_percent(table, years, convention, period, pct):
    assert sum(pct) == pytest.approx(100.0, abs=0.011)


@pytest.mark.parametrize("table,years,convention,period,pct", TABLES, ids=[f"{t[0]}-{t[1]}-{t[3]}" for t in TABLES])
def test_table_agrees_with_statutory_computation(table, years, convention, period, pct):
    computed = macrs.recompute_table(years, convention, period)
    decimals = 3 if (years >= 20 or convention == "MM") else 2
    tolerance = 10 ** -decimals * 1.01
    assert len([c for c in computed if round(c, decimals) > 0]) == len([p for p in pct if p > 0])
    nonzero = [p for p in pct if p > 0]
    for year, (printed, exact) in enumerate(zip(nonzero, computed), start=1):
        # the printed tables round each year, and push the rounding into the last year
        allowed = tolerance * (4 if year == len(nonzero) or (convention == "MM" and year == 1) else 1)
        assert printed == pytest.approx(exact, abs=allowed), f"year {year}"


def test_printed_spot_values():
    assert macrs.HALF_YEAR[5] == [20.00, 32.00, 19.20, 11.52, 11.52, 5.76]
    assert macrs.HALF_YEAR[7][0] == 14.29 and macrs.HALF_YEAR[7][-1] == 4.46
    assert macrs.MID_QUARTER[4][5][:2] == [5.00, 38.00]
    assert macrs.nonresidential_39(1)[:2] == [2.461, 2.564] and macrs.nonresidential_39(1)[-1] == 0.107


def test_seed_matches_transcription(project_root):
    with (project_root / "seeds" / "policy" / "macrs_percentages.csv").open() as handle:
        seed = list(csv.DictReader(handle))
    expected = macrs.table_rows()
    assert len(seed) == len(expected)
    for row, want in zip(seed, expected):
        assert row["table_id"] == want["table_id"]
        assert float(row["recovery_years"]) == float(want["recovery_years"])
        assert int(row["recovery_year"]) == want["recovery_year"]
        assert row["depreciation_rate"] == want["depreciation_rate"]


def test_pub_946_half_year_example():
    # Publication 946 ch. 4 ("Using the MACRS Percentage Tables"): 7-year property, basis 10,000,
    # half-year convention: first year 10,000 x 14.29 % = 1,429; second year x 24.49 % = 2,449.
    assert round(10000 * macrs.HALF_YEAR[7][0] / 100, 2) == 1429.00
    assert round(10000 * macrs.HALF_YEAR[7][1] / 100, 2) == 2449.00
