"""Company master data: subsidiaries, chart of accounts, periods, FX, locations, policy."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .common import HISTORY_START, SUBS, Ctx

ASSET_CLASSES = [
    # code, description, life, method, db_rate, convention, salvage, threshold, cost, accum, exp, macrs yrs, macrs method, macrs conv, ptax
    ("GPU_SERVER", "GPU servers (8x H100 / H200 / B200 SXM nodes)", 60, "straight_line", None, "mid_month", 0.03, 2500, "1610", "1611", "5000", 5, "200DB", "HY", "computer_equipment"),
    ("NETWORK", "InfiniBand and Ethernet network switches", 60, "straight_line", None, "full_month", 0.0, 2500, "1620", "1621", "5000", 5, "200DB", "HY", "computer_equipment"),
    ("RACK_POWER", "Racks, PDUs and power distribution", 84, "straight_line", None, "actual_days", 0.0, 2500, "1630", "1631", "5000", 7, "200DB", "HY", "machinery"),
    ("STORAGE", "Storage arrays (NVMe)", 60, "declining_balance", 2.0, "full_month", 0.05, 2500, "1640", "1641", "5000", 5, "200DB", "HY", "computer_equipment"),
    ("LHI", "Leasehold improvements (shorter of 120 months and lease term)", 120, "straight_line", None, "full_month", 0.0, 2500, "1650", "1651", "5000", 15, "150DB", "HY", "leasehold_improvements"),
    ("FURNITURE", "Office furniture and equipment", 84, "sum_of_years_digits", None, "half_year", 0.0, 5000, "1660", "1661", "6100", 7, "200DB", "HY", "furniture"),
    ("COMPUTER", "Computers and laptops", 36, "straight_line", None, "next_month", 0.0, 1000, "1670", "1671", "6100", 5, "200DB", "HY", "computer_equipment"),
    ("BUILDING", "Buildings (owned data-centre shell)", 468, "straight_line", None, "mid_month", 0.0, 2500, "1680", "1681", "5000", 39, "SL", "MM", "real_property"),
    ("LAND", "Land (not depreciated)", None, "none", None, "full_month", 0.0, 0, "1600", None, None, None, None, None, "real_property"),
    ("CIP", "Construction in progress (not depreciated until placed in service)", None, "none", None, "full_month", 0.0, 0, "1690", None, None, None, None, None, "exempt"),
]

ACCOUNTS = [
    # number, name, type, normal
    ("1010", "Cash - JPMorgan Chase operating USD (US01)", "bank"),
    ("1020", "Cash - Barclays operating GBP (UK01)", "bank"),
    ("1021", "Cash - Barclays USD (UK01)", "bank"),
    ("1030", "Cash - AIB operating EUR (IE01)", "bank"),
    ("1200", "Accounts receivable", "accounts_receivable"),
    ("1210", "Unbilled receivables / contract assets", "other_current_asset"),
    ("1300", "Prepaid expenses", "other_current_asset"),
    ("1310", "Deferred commissions - current", "other_current_asset"),
    ("1600", "Land", "fixed_asset"),
    ("1610", "GPU servers - cost", "fixed_asset"),
    ("1611", "GPU servers - accumulated depreciation", "fixed_asset"),
    ("1620", "Network equipment - cost", "fixed_asset"),
    ("1621", "Network equipment - accumulated depreciation", "fixed_asset"),
    ("1630", "Racks and power distribution - cost", "fixed_asset"),
    ("1631", "Racks and power distribution - accumulated depreciation", "fixed_asset"),
    ("1640", "Storage arrays - cost", "fixed_asset"),
    ("1641", "Storage arrays - accumulated depreciation", "fixed_asset"),
    ("1650", "Leasehold improvements - cost", "fixed_asset"),
    ("1651", "Leasehold improvements - accumulated depreciation", "fixed_asset"),
    ("1660", "Furniture and equipment - cost", "fixed_asset"),
    ("1661", "Furniture and equipment - accumulated depreciation", "fixed_asset"),
    ("1670", "Computers - cost", "fixed_asset"),
    ("1671", "Computers - accumulated depreciation", "fixed_asset"),
    ("1680", "Buildings - cost", "fixed_asset"),
    ("1681", "Buildings - accumulated depreciation", "fixed_asset"),
    ("1690", "Construction in progress", "fixed_asset"),
    ("1700", "Operating lease right-of-use assets", "other_asset"),
    ("1710", "Finance lease right-of-use assets", "other_asset"),
    ("1711", "Finance lease ROU assets - accumulated amortization", "other_asset"),
    ("1800", "Deferred commissions - non-current", "other_asset"),
    ("1900", "Intercompany receivable", "other_current_asset"),
    ("2000", "Accounts payable", "accounts_payable"),
    ("2100", "Accrued liabilities", "other_current_liability"),
    ("2110", "Accrued payroll", "other_current_liability"),
    ("2200", "Deferred revenue", "other_current_liability"),
    ("2210", "Customer prepaid credits liability", "other_current_liability"),
    ("2300", "Operating lease liabilities - current", "other_current_liability"),
    ("2310", "Finance lease liabilities - current", "other_current_liability"),
    ("2400", "Operating lease liabilities - non-current", "long_term_liability"),
    ("2410", "Finance lease liabilities - non-current", "long_term_liability"),
    ("2900", "Intercompany payable", "other_current_liability"),
    ("3000", "Common stock", "equity"),
    ("3100", "Additional paid-in capital", "equity"),
    ("3200", "Retained earnings", "equity"),
    ("3300", "Cumulative translation adjustment", "equity"),
    ("4000", "Revenue - on-demand compute", "income"),
    ("4010", "Revenue - committed spend", "income"),
    ("4020", "Revenue - reserved capacity", "income"),
    ("4030", "Revenue - commitment true-up", "income"),
    ("4040", "Revenue - prepaid credit breakage", "income"),
    ("5000", "Cost of revenue - depreciation", "cost_of_goods_sold"),
    ("5100", "Cost of revenue - colocation / operating lease cost", "cost_of_goods_sold"),
    ("5110", "Cost of revenue - short-term lease cost", "cost_of_goods_sold"),
    ("5120", "Cost of revenue - variable lease cost", "cost_of_goods_sold"),
    ("5130", "Cost of revenue - finance lease ROU amortization", "cost_of_goods_sold"),
    ("5200", "Cost of revenue - power", "cost_of_goods_sold"),
    ("6000", "Payroll expense", "expense"),
    ("6010", "Sales commissions expense", "expense"),
    ("6100", "Depreciation expense - G&A", "expense"),
    ("6200", "General and administrative expense", "expense"),
    ("6300", "Bank fees", "expense"),
    ("6400", "Minor equipment expensed (below capitalization threshold)", "expense"),
    ("7000", "Interest expense", "other_expense"),
    ("7100", "Gain / loss on disposal of assets", "other_expense"),
    ("7200", "Impairment loss", "other_expense"),
    ("7300", "Foreign exchange gain / loss", "other_expense"),
]

LOCATIONS = [
    ("DC01", "Helios IAD1 - Ashburn", "44480 Hastings Drive", "Ashburn", "Loudoun County", "VA", "US", "Loudoun County, VA"),
    ("DC02", "Helios DFW1 - Dallas", "2323 Bryan Street", "Dallas", "Dallas County", "TX", "US", "Dallas County, TX (Dallas CAD)"),
    ("DC03", "Helios PHX1 - Phoenix", "3402 E University Drive", "Phoenix", "Maricopa County", "AZ", "US", "Maricopa County, AZ"),
    ("DC04", "Helios PDX1 - Hillsboro", "3935 NE Aloclek Place", "Hillsboro", "Washington County", "OR", "US", "Washington County, OR"),
    ("DC05", "Helios LON1 - Slough", "4 Buckingham Avenue", "Slough", "Berkshire", "", "GB", "Slough Borough Council (UK business rates)"),
    ("DC06", "Helios DUB1 - Dublin", "Unit 5, Grange Castle Business Park", "Dublin", "County Dublin", "", "IE", "South Dublin County Council (IE commercial rates)"),
    ("OF01", "San Francisco office", "535 Mission Street, Floor 14", "San Francisco", "San Francisco County", "CA", "US", "City and County of San Francisco, CA"),
    ("OF02", "London office", "20 Farringdon Road", "London", "Greater London", "", "GB", "London Borough of Islington (UK business rates)"),
]


def _acct_meta(number: str, typ: str) -> tuple[str, str]:
    first = number[0]
    if typ == "fixed_asset" and number.endswith("1"):
        normal = "credit"  # accumulated depreciation / amortization are contra-assets
    elif number == "1711":
        normal = "credit"
    elif first in "1":
        normal = "debit"
    elif first in "234":
        normal = "credit"
    else:
        normal = "debit"
    if first in "12":
        fx = "period_end"
    elif first == "3":
        fx = "historical"
    else:
        fx = "average"
    return normal, fx


def build(ctx: Ctx) -> None:
    t = ctx.tables
    ac = pd.DataFrame(ASSET_CLASSES, columns=[
        "asset_class_code", "description", "useful_life_months", "depreciation_method",
        "declining_balance_rate", "convention", "salvage_pct", "capitalization_threshold",
        "cost_account", "accumulated_depreciation_account", "depreciation_expense_account",
        "macrs_recovery_years", "macrs_method", "macrs_convention", "property_tax_category"])
    ac["declining_balance_rate"] = ac["declining_balance_rate"].astype(float)
    ac["macrs_recovery_years"] = ac["macrs_recovery_years"].astype("Int64")
    ac["useful_life_months"] = ac["useful_life_months"].astype("Int64")
    ac["salvage_pct"] = ac["salvage_pct"].astype(float)
    ac["capitalization_threshold"] = ac["capitalization_threshold"].astype(float)
    t["policy/asset_classes"] = ac

    t["erp/subsidiaries"] = pd.DataFrame(
        [(k, v[0], v[1], v[2], v[3]) for k, v in SUBS.items()],
        columns=["subsidiary_id", "subsidiary_name", "country_code",
                 "functional_currency_code", "parent_subsidiary_id"])

    rows = []
    for num, name, typ in ACCOUNTS:
        normal, fx = _acct_meta(num, typ)
        rows.append((num, name, typ, normal, fx))
    t["erp/accounts"] = pd.DataFrame(rows, columns=["account_number", "account_name",
                                                    "account_type", "normal_balance",
                                                    "fx_rate_type"])

    months = pd.date_range(HISTORY_START, "2026-12-01", freq="MS")
    ends = months + pd.offsets.MonthEnd(0)
    closed = ends <= pd.Timestamp("2026-09-30")
    closed_date = pd.Series(ends + pd.to_timedelta(4 + (months.month % 3), unit="D"))
    closed_date[~closed] = pd.NaT
    t["erp/accounting_periods"] = pd.DataFrame({
        "period_id": months.strftime("%Y-%m"), "period_start_date": months,
        "period_end_date": ends, "is_closed": closed, "closed_date": closed_date.to_numpy()})

    t["erp/fx_rates"] = _fx_rates(ctx)
    t["infra/locations"] = pd.DataFrame(LOCATIONS, columns=[
        "location_id", "data_center_name", "street", "city", "county", "state", "country",
        "property_tax_jurisdiction"])
    t["bank/bank_accounts"] = pd.DataFrame([
        ("BA-US01-OPS", "US01", "JPMorgan Chase Bank, N.A.", "****4417", "USD", "1010"),
        ("BA-UK01-GBP", "UK01", "Barclays Bank PLC", "****2093", "GBP", "1020"),
        ("BA-UK01-USD", "UK01", "Barclays Bank PLC", "****7781", "USD", "1021"),
        ("BA-IE01-EUR", "IE01", "AIB Group plc", "****5530", "EUR", "1030"),
    ], columns=["bank_account_id", "subsidiary_id", "bank_name", "account_number",
                "currency_code", "gl_account_number"])


def _fx_rates(ctx: Ctx) -> pd.DataFrame:
    """Daily smooth random walks for GBPUSD and EURUSD; monthly average and period end."""
    rng = ctx.rng
    days = pd.date_range(HISTORY_START, "2026-10-31", freq="D")
    out = []
    for ccy, start, lo, hi in (("GBP", 1.268, 1.25, 1.35), ("EUR", 1.082, 1.05, 1.17)):
        steps = rng.normal(0.0, 0.0028, len(days))
        steps = np.convolve(steps, np.ones(5) / 5, mode="same")  # smooth
        path = np.empty(len(days))
        x = start
        mid = (lo + hi) / 2
        for i, s in enumerate(steps):  # ~670 days: tiny loop with mean reversion + bounds
            x = x * (1 + s) + 0.004 * (mid - x)
            x = min(max(x, lo + 0.002), hi - 0.002)
            path[i] = x
        d = pd.DataFrame({"day": days, "r": path})
        d["m"] = d["day"].dt.to_period("M")
        g = d.groupby("m").agg(average=("r", "mean"), period_end=("r", "last"))
        for m, row in g.iterrows():
            rd = m.to_timestamp(how="end").normalize()
            for typ in ("average", "period_end"):
                r = round(float(row[typ]), 6)
                out.append((rd, ccy, "USD", typ, r))
                out.append((rd, "USD", ccy, typ, round(1.0 / r, 6)))
    fx = pd.DataFrame(out, columns=["rate_date", "from_currency", "to_currency", "rate_type",
                                    "rate"])
    return fx.sort_values(["rate_date", "from_currency", "to_currency", "rate_type"]) \
             .reset_index(drop=True)


def rate(ctx: Ctx, from_ccy, to_ccy, dates, rate_type: str = "average") -> np.ndarray:
    """Vectorised lookup: the monthly rate of each date's month (1.0 for same currency).
    Cross rates (e.g. EUR->GBP) go through USD."""
    fx = ctx.tables["erp/fx_rates"]
    fx = fx[fx["rate_type"] == rate_type]
    key = dict(zip(zip(fx["rate_date"].dt.strftime("%Y-%m"), fx["from_currency"],
                       fx["to_currency"]), fx["rate"]))
    di = pd.DatetimeIndex(pd.to_datetime(dates))
    n = len(di)
    f = np.broadcast_to(np.asarray(from_ccy, dtype=object), (n,))
    tcc = np.broadcast_to(np.asarray(to_ccy, dtype=object), (n,))
    res = np.ones(n)
    # one dictionary lookup per distinct (month, from, to), not per row
    combo = pd.DataFrame({"m": di.year * 12 + di.month - 1, "a": f, "b": tcc})
    code = combo.groupby(["m", "a", "b"], sort=False, dropna=False).ngroup().to_numpy()
    first = combo.drop_duplicates().reset_index(drop=True)
    vals = np.ones(len(first))
    for i, (mi, a, b) in enumerate(zip(first["m"], first["a"], first["b"])):
        if a == b:
            continue
        m = f"{mi // 12:04d}-{mi % 12 + 1:02d}"
        if b == "USD" or a == "USD":
            vals[i] = key[(m, a, b)]
        else:
            vals[i] = key[(m, a, "USD")] * key[(m, "USD", b)]
    if n:
        res = vals[code]
    return res
