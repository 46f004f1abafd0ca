"""MACRS percentage tables transcribed from IRS Publication 946 (How To Depreciate Property),
Appendix A, and the seed written from them (seeds/policy/macrs_percentages.csv).

- Table A-1: 3-, 5-, 7-, 10-, 15- and 20-year property, half-year convention (GDS 200 % DB for
  3/5/7/10, 150 % DB for 15/20, switching to straight line).
- Tables A-2 .. A-5: the same classes, mid-quarter convention, placed in service in the first,
  second, third and fourth quarter.
- Table A-6: residential rental property, 27.5 years, straight line, mid-month (as printed with
  years 2-18 and 19-27 grouped; the grouping can differ from the full table by 0.001 %).
- Table A-7a: nonresidential real property, 39 years, straight line, mid-month.

Table A-2 20-year: year 2 is 7.008 and year 21 0.557 (the 3-decimal values consistent with the
printed year 3 of 6.482; some reprints show 7.00 / 0.565).

Percentages are as printed (percent of the unadjusted basis). `recompute_table` derives the same
percentages from the statutory method (IRC 168(b), (d)) so that a transcription error fails a test.

Regenerate the seed: python -m infra_accounting.fixed_assets.macrs
"""
from __future__ import annotations

import csv
from pathlib import Path

HALF_YEAR = {  # Table A-1
    3: [33.33, 44.45, 14.81, 7.41],
    5: [20.00, 32.00, 19.20, 11.52, 11.52, 5.76],
    7: [14.29, 24.49, 17.49, 12.49, 8.93, 8.92, 8.93, 4.46],
    10: [10.00, 18.00, 14.40, 11.52, 9.22, 7.37, 6.55, 6.55, 6.56, 6.55, 3.28],
    15: [5.00, 9.50, 8.55, 7.70, 6.93, 6.23, 5.90, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 2.95],
    20: [3.750, 7.219, 6.677, 6.177, 5.713, 5.285, 4.888, 4.522, 4.462, 4.461, 4.462, 4.461, 4.462, 4.461,
         4.462, 4.461, 4.462, 4.461, 4.462, 4.461, 2.231],
}

MID_QUARTER = {  # Tables A-2 (Q1), A-3 (Q2), A-4 (Q3), A-5 (Q4)
    1: {
        3: [58.33, 27.78, 12.35, 1.54],
        5: [35.00, 26.00, 15.60, 11.01, 11.01, 1.38],
        7: [25.00, 21.43, 15.31, 10.93, 8.75, 8.74, 8.75, 1.09],
        10: [17.50, 16.50, 13.20, 10.56, 8.45, 6.76, 6.55, 6.55, 6.56, 6.55, 0.82],
        15: [8.75, 9.13, 8.21, 7.39, 6.65, 5.99, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 0.74],
        20: [6.563, 7.008, 6.482, 5.996, 5.546, 5.130, 4.746, 4.459, 4.459, 4.459, 4.459, 4.460, 4.459, 4.460,
             4.459, 4.460, 4.459, 4.460, 4.459, 4.460, 0.557],
    },
    2: {
        3: [41.67, 38.89, 14.14, 5.30],
        5: [25.00, 30.00, 18.00, 11.37, 11.37, 4.26],
        7: [17.85, 23.47, 16.76, 11.97, 8.87, 8.87, 8.87, 3.34],
        10: [12.50, 17.50, 14.00, 11.20, 8.96, 7.17, 6.55, 6.55, 6.56, 6.55, 2.46],
        15: [6.25, 9.38, 8.44, 7.59, 6.83, 6.15, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 2.21],
        20: [4.688, 7.148, 6.612, 6.116, 5.658, 5.233, 4.841, 4.478, 4.463, 4.463, 4.463, 4.463, 4.463, 4.463,
             4.462, 4.463, 4.462, 4.463, 4.462, 4.463, 1.673],
    },
    3: {
        3: [25.00, 50.00, 16.67, 8.33],
        5: [15.00, 34.00, 20.40, 12.24, 11.30, 7.06],
        7: [10.71, 25.51, 18.22, 13.02, 9.30, 8.85, 8.86, 5.53],
        10: [7.50, 18.50, 14.80, 11.84, 9.47, 7.58, 6.55, 6.55, 6.56, 6.55, 4.10],
        15: [3.75, 9.63, 8.66, 7.80, 7.02, 6.31, 5.90, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 3.69],
        20: [2.813, 7.289, 6.742, 6.237, 5.769, 5.336, 4.936, 4.566, 4.460, 4.460, 4.460, 4.460, 4.461, 4.460,
             4.461, 4.460, 4.461, 4.460, 4.461, 4.460, 2.788],
    },
    4: {
        3: [8.33, 61.11, 20.37, 10.19],
        5: [5.00, 38.00, 22.80, 13.68, 10.94, 9.58],
        7: [3.57, 27.55, 19.68, 14.06, 10.04, 8.73, 8.73, 7.64],
        10: [2.50, 19.50, 15.60, 12.48, 9.98, 7.99, 6.55, 6.55, 6.56, 6.55, 5.74],
        15: [1.25, 9.88, 8.89, 8.00, 7.20, 6.48, 5.90, 5.90, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.17],
        20: [0.938, 7.430, 6.872, 6.357, 5.880, 5.439, 5.031, 4.654, 4.458, 4.458, 4.458, 4.458, 4.458, 4.458,
             4.458, 4.458, 4.458, 4.458, 4.458, 4.458, 3.901],
    },
}

# Table A-6 (27.5 years) and A-7a (39 years): first-year percentage by month placed in service.
RESIDENTIAL_FIRST_YEAR = [3.485, 3.182, 2.879, 2.576, 2.273, 1.970, 1.667, 1.364, 1.061, 0.758, 0.455, 0.152]
RESIDENTIAL_YEAR_28 = [1.970, 2.273, 2.576, 2.879, 3.182, 3.485, 3.636, 3.636, 3.636, 3.636, 3.636, 3.636]
RESIDENTIAL_YEAR_29 = [0.000, 0.000, 0.000, 0.000, 0.000, 0.000, 0.152, 0.455, 0.758, 1.061, 1.364, 1.667]
NONRESIDENTIAL_FIRST_YEAR = [2.461, 2.247, 2.033, 1.819, 1.605, 1.391, 1.177, 0.963, 0.749, 0.535, 0.321, 0.107]


def residential_27_5(month: int) -> list[float]:
    return [RESIDENTIAL_FIRST_YEAR[month - 1]] + [3.636] * 17 + [3.637] * 9 + [
        RESIDENTIAL_YEAR_28[month - 1], RESIDENTIAL_YEAR_29[month - 1]]


def nonresidential_39(month: int) -> list[float]:
    return [NONRESIDENTIAL_FIRST_YEAR[month - 1]] + [2.564] * 38 + [NONRESIDENTIAL_FIRST_YEAR[12 - month]]


def table_rows() -> list[dict]:
    """Every percentage as a seed row: table, recovery years, convention, period placed in service
    (0 for half-year, quarter 1-4 for mid-quarter, month 1-12 for mid-month), recovery year."""
    rows = []

    def add(table, years, convention, period, percentages):
        for year, pct in enumerate(percentages, start=1):
            rows.append({
                "table_id": table, "recovery_years": years, "macrs_convention": convention,
                "placed_in_service_period": period, "recovery_year": year,
                "depreciation_rate": f"{pct / 100:.8f}",
            })

    for years, percentages in HALF_YEAR.items():
        add("A-1", years, "HY", 0, percentages)
    for quarter, tables in MID_QUARTER.items():
        for years, percentages in tables.items():
            add(f"A-{quarter + 1}", years, "MQ", quarter, percentages)
    for month in range(1, 13):
        add("A-6", 27.5, "MM", month, residential_27_5(month))
        add("A-7a", 39, "MM", month, nonresidential_39(month))
    return rows


def recompute_table(years: int, convention: str, period: int = 0) -> list[float]:
    """The statutory computation the tables come from, in percent (unrounded).

    GDS personal property: 200 % DB (3-10 years) or 150 % DB (15-20 years), switching to straight
    line over the remaining recovery period when that is larger; half-year (first year 1/2),
    mid-quarter (first year (4 - q + 0.5) / 4). Real property: straight line, mid-month.
    """
    if convention == "MM":
        annual = 100.0 / years
        first = annual * (12 - period + 0.5) / 12
        full_years = int(years - (first / annual))
        result = [first] + [annual] * full_years
        result.append(100.0 - sum(result))
        return [r for r in result if r > 1e-9]
    factor = 2.0 if years <= 10 else 1.5
    rate = factor / years
    first_fraction = 0.5 if convention == "HY" else (4 - period + 0.5) / 4
    basis = 100.0
    remaining_life = float(years)
    result = []
    fraction = first_fraction
    while basis > 1e-9:
        declining = basis * rate * fraction
        straight = basis * min(1.0, fraction / remaining_life) if remaining_life > 0 else basis
        amount = min(max(declining, straight), basis)
        result.append(amount)
        basis -= amount
        remaining_life -= fraction
        fraction = 1.0
    return result


def write_seed(path: Path) -> None:
    rows = table_rows()
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            row = dict(row)
            row["recovery_years"] = f"{row['recovery_years']:g}"
            writer.writerow(row)


if __name__ == "__main__":
    from infra_accounting.contract import PROJECT_ROOT

    write_seed(PROJECT_ROOT / "seeds" / "policy" / "macrs_percentages.csv")
