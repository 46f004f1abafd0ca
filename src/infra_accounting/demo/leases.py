"""Lease abstracts, explicit payment schedules, modifications and service contracts."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .common import CLOSE_END, SUB_CCY, Ctx, ids

COLS = ["lease_id", "subsidiary_id", "lessor_name", "asset_type", "description",
        "commencement_date", "end_date", "payment_frequency", "payment_timing", "base_payment",
        "annual_escalation_pct", "discount_rate", "fair_value", "economic_life_months",
        "transfers_ownership", "purchase_option_price", "purchase_option_reasonably_certain",
        "renewal_option_months", "renewal_reasonably_certain",
        "residual_value_guarantee_amount", "is_specialized_asset", "initial_direct_costs",
        "lease_incentives", "prepaid_rent", "is_short_term_election", "non_lease_component_amount"]
N = None
PLANTED = [
    ("LS-001", "US01", "Ridgeline Data Centers LLC", "data_center", "Ashburn IAD1 colocation halls A-B (6 MW)", "2025-01-01", "2029-12-31", "monthly", "advance", 420000.00, 0.03, 0.065, N, 240, False, N, False, 60, False, N, False, 85000.00, N, N, False, 60000.00),
    ("LS-002", "US01", "Lone Star Colocation LP", "data_center", "Dallas DFW1 colocation suite (4 MW)", "2025-04-01", "2030-03-31", "monthly", "advance", 310000.00, 0.025, 0.066, N, 240, False, N, False, 60, False, N, False, N, N, N, False, 45000.00),
    ("LS-003", "US01", "Apex Equipment Finance Corp.", "gpu_hardware", "64x H200 GPU servers with USD 1.2m bargain purchase option", "2025-06-01", "2028-05-31", "monthly", "advance", 610000.00, 0.0, 0.075, 22400000.00, 60, False, 1200000.00, True, N, False, N, False, 120000.00, N, N, False, N),
    ("LS-004", "US01", "Meridian Fiber Partners", "network", "Dark fibre and DWDM transport IAD1-DFW1", "2025-03-01", "2028-02-29", "quarterly", "arrears", 85000.00, 0.0, 0.068, N, 180, False, N, False, N, False, N, False, N, N, N, False, N),
    ("LS-005", "US01", "Mission Street Realty Trust", "real_estate", "San Francisco HQ office, floor 14", "2025-01-01", "2030-12-31", "monthly", "advance", 95000.00, 0.035, 0.064, N, 600, False, N, False, 60, False, N, False, 40000.00, 250000.00, 95000.00, False, 8500.00),
    ("LS-006", "UK01", "Thames Valley Data Parks Ltd", "data_center", "Slough LON1 colocation hall (3 MW) - explicit payment schedule", "2025-02-01", "2030-01-31", "monthly", "advance", 180000.00, 0.03, 0.058, N, 240, False, N, False, 60, False, N, False, N, N, N, False, 30000.00),
    ("LS-007", "UK01", "Farringdon Estates plc", "real_estate", "London office, 20 Farringdon Road (10 years, quarter days)", "2025-03-25", "2035-03-24", "quarterly", "advance", 120000.00, 0.0, 0.061, N, 600, False, N, False, 60, False, N, False, 25000.00, 90000.00, N, False, N),
    ("LS-008", "IE01", "Grange Castle Data Centres DAC", "data_center", "Dublin DUB1 colocation halls 1-2 (5 MW)", "2025-05-01", "2031-04-30", "monthly", "advance", 210000.00, 0.02, 0.052, N, 240, False, N, False, 60, False, N, False, N, N, N, False, 35000.00),
    ("LS-009", "IE01", "Liffey Asset Finance DAC", "gpu_hardware", "32x H200 GPU servers, annual in advance, residual value guarantee", "2025-09-01", "2028-08-31", "annual", "advance", 2400000.00, 0.0, 0.055, 10200000.00, 60, False, N, False, N, False, 500000.00, False, N, N, N, False, N),
    ("LS-010", "US01", "Sonoran Edge Colo Inc.", "data_center", "Phoenix overflow cage (12 months, short-term election)", "2026-03-01", "2027-02-28", "monthly", "advance", 75000.00, 0.0, 0.07, N, 240, False, N, False, N, False, N, False, N, N, N, True, N),
    ("LS-011", "US01", "Desert Peak Data LLC", "data_center", "Phoenix PHX2 interim suite (terminated early 2026-08-31)", "2025-07-01", "2028-06-30", "monthly", "advance", 140000.00, 0.03, 0.067, N, 240, False, N, False, N, False, N, False, N, N, N, False, N),
    ("LS-012", "US01", "Continental Transit Networks", "network", "Internet transit and cross-connect capacity (payment change 2026-04)", "2025-02-01", "2028-01-31", "monthly", "arrears", 98000.00, 0.0, 0.066, N, 120, False, N, False, N, False, N, False, N, N, N, False, 12000.00),
    ("LS-013", "US01", "Apex Equipment Finance Corp.", "gpu_hardware", "16x H100 GPU servers (term reduced 2026-05)", "2025-04-01", "2029-03-31", "monthly", "arrears", 185000.00, 0.0, 0.072, 5100000.00, 60, False, N, False, N, False, N, False, N, N, N, False, N),
    ("LS-014", "UK01", "Albion Technology Leasing Ltd", "gpu_hardware", "24x H100 GPU servers (purchase option now reasonably certain)", "2025-05-01", "2028-04-30", "monthly", "advance", 165000.00, 0.0, 0.063, 6300000.00, 60, False, 400000.00, False, N, False, N, False, N, N, N, False, N),
    ("LS-015", "IE01", "Celtic Fibre Networks DAC", "network", "Dublin metro dark fibre ring (annual in arrears)", "2025-06-01", "2030-05-31", "annual", "arrears", 260000.00, 0.02, 0.054, N, 240, False, N, False, 60, True, N, False, N, N, N, False, N),
    ("LS-016", "US01", "Cascadia Data Parks Inc.", "data_center", "Hillsboro PDX1 colocation (commences in the close month)", "2026-10-01", "2033-09-30", "monthly", "advance", 260000.00, 0.03, 0.069, N, 240, False, N, False, 60, False, N, False, 60000.00, N, 260000.00, False, 40000.00),
    ("LS-017", "UK01", "Northern Lights Transit Ltd", "network", "London IX ports and waves", "2025-08-01", "2028-07-31", "monthly", "arrears", 22000.00, 0.0, 0.06, N, 120, False, N, False, N, False, N, False, N, N, N, False, N),
    ("LS-018", "US01", "Apex Equipment Finance Corp.", "gpu_hardware", "Custom liquid-cooling CDUs (title transfers at end)", "2025-10-01", "2029-09-30", "monthly", "advance", 54000.00, 0.0, 0.071, 2300000.00, 84, True, N, False, N, False, N, True, N, N, N, False, N),
    ("LS-019", "US01", "Ridgeline Data Centers LLC", "data_center", "Ashburn IAD1 hall C expansion (stepped rent, explicit schedule)", "2025-09-01", "2030-08-31", "monthly", "advance", 150000.00, 0.0, 0.066, N, 240, False, N, False, N, False, N, False, N, N, N, False, 20000.00),
    ("LS-020", "IE01", "Dockland Offices DAC", "real_estate", "Dublin sales office (quarterly in arrears)", "2025-07-01", "2030-06-30", "quarterly", "arrears", 48000.00, 0.025, 0.05, N, 600, False, N, False, N, False, N, False, N, N, N, False, N),
]
MODS = [
    ("MOD-001", "LS-002", "2026-06-01", "extension", "2032-03-31", N, 0.071, N, N, N, N, N),
    ("MOD-002", "LS-013", "2026-05-01", "term_reduction", "2027-12-31", N, 0.07, N, N, N, N, N),
    ("MOD-003", "LS-012", "2026-04-01", "payment_change", N, 86000.00, 0.068, N, N, N, N, N),
    ("MOD-004", "LS-008", "2026-07-01", "scope_decrease", N, 126000.00, 0.056, 0.40, N, N, N, N),
    ("MOD-005", "LS-011", "2026-08-31", "termination", "2026-08-31", N, N, N, 350000.00, N, N, N),
    ("MOD-006", "LS-014", "2026-03-01", "purchase_option_change", N, N, 0.066, N, N, 400000.00, True, N),
    ("MOD-007", "LS-009", "2026-09-01", "residual_value_guarantee_change", N, N, N, N, N, N, N, 750000.00),
]
SERVICE = [
    ("SC-001", "US01", "Sonoran Edge Colo Inc.", "Phoenix dedicated caged suite 4 with managed services (embedded lease)", "2025-08-01", "2028-07-31", 68000.00, True, False, True, True),
    ("SC-002", "US01", "Nimbus GPU Cloud Inc.", "Burst GPU capacity from a pool (no identified asset)", "2025-05-01", "2026-12-31", 125000.00, False, True, False, False),
    ("SC-003", "US01", "Meridian Fiber Partners", "Four specified dark-fibre strands DFW1-PHX1 (embedded lease)", "2025-11-01", "2030-10-31", 31000.00, True, False, True, True),
    ("SC-004", "US01", "Grid Southwest Energy", "Power supply agreement PHX1", "2025-01-01", "2027-12-31", 410000.00, False, False, False, False),
    ("SC-005", "UK01", "Thames Valley Data Parks Ltd", "Shared-hall rack space, supplier may relocate racks", "2025-06-01", "2027-05-31", 26000.00, True, True, True, False),
    ("SC-006", "UK01", "Skyforge Compute Ltd", "Dedicated GPU nodes operated and scheduled by the supplier", "2026-01-01", "2026-12-31", 88000.00, True, False, True, False),
    ("SC-007", "IE01", "Emerald Cooling Services DAC", "Chiller maintenance contract DUB1", "2025-05-01", "2028-04-30", 14500.00, False, False, False, False),
    ("SC-008", "US01", "Voltaic AI Infrastructure Inc.", "Reserved 256-GPU B200 cluster dedicated to Helios, Helios schedules jobs (embedded lease)", "2026-06-01", "2027-05-31", 590000.00, True, False, True, True),
]


def _generic(ctx: Ctx, n: int) -> pd.DataFrame:
    rng = ctx.rng
    sub = rng.choice(["US01", "UK01", "IE01"], n, p=[0.7, 0.15, 0.15])
    atype = rng.choice(["data_center", "gpu_hardware", "network", "real_estate"], n, p=[0.35, 0.3, 0.2, 0.15])
    start = pd.Timestamp("2025-01-01") + pd.DateOffset(0) + pd.to_timedelta(rng.integers(0, 21, n) * 30.44, unit="D")
    start = start.to_period("M").to_timestamp()
    term = rng.choice([24, 36, 48, 60, 84], n)
    end = (start + pd.to_timedelta(term * 30.44, unit="D")).to_period("M").to_timestamp() - pd.Timedelta(days=1)
    base = np.round(np.where(atype == "data_center", rng.uniform(40000, 300000, n),
                    np.where(atype == "gpu_hardware", rng.uniform(30000, 400000, n),
                    rng.uniform(5000, 60000, n))), -2)
    df = pd.DataFrame({
        "lease_id": ids("LS-", n, 5, start=21), "subsidiary_id": sub,
        "lessor_name": rng.choice(["Summit Lessor Co.", "Harbor Capital Leasing", "Keystone Realty", "Vector Equipment Finance"], n),
        "asset_type": atype, "description": "Generic " + pd.Series(atype).str.replace("_", " ") + " lease",
        "commencement_date": start, "end_date": end,
        "payment_frequency": rng.choice(["monthly", "quarterly", "annual"], n, p=[0.8, 0.15, 0.05]),
        "payment_timing": rng.choice(["advance", "arrears"], n, p=[0.75, 0.25]),
        "base_payment": base, "annual_escalation_pct": np.where(atype == "gpu_hardware", 0.0, 0.03),
        "discount_rate": np.round(rng.uniform(0.05, 0.075, n), 4), "fair_value": np.nan,
        "economic_life_months": np.where(atype == "gpu_hardware", 60, 240),
        "transfers_ownership": False, "purchase_option_price": np.nan,
        "purchase_option_reasonably_certain": False, "renewal_option_months": pd.NA,
        "renewal_reasonably_certain": False, "residual_value_guarantee_amount": np.nan,
        "is_specialized_asset": False, "initial_direct_costs": np.nan, "lease_incentives": np.nan,
        "prepaid_rent": np.nan, "is_short_term_election": False, "non_lease_component_amount": np.nan})
    return df


def _periods_per_year(freq):
    return {"monthly": 12, "quarterly": 4, "annual": 1}[freq]


def _plain_schedule(lc: pd.DataFrame) -> pd.DataFrame:
    """_schedule for leases without modifications, all leases at once (month arithmetic with
    the same end-of-month clamping as DateOffset(months=...)). Column pos = row in lc."""
    step = 12 // lc["payment_frequency"].map(_periods_per_year).to_numpy()
    c = pd.DatetimeIndex(lc["commencement_date"])
    e = pd.DatetimeIndex(lc["end_date"])
    cm = (c.year * 12 + c.month - 1).to_numpy()
    em = (e.year * 12 + e.month - 1).to_numpy()
    n = np.ceil((em - cm + 1) / step).astype(np.int64)
    rep = np.repeat(np.arange(len(lc)), n)
    i = np.arange(len(rep)) - np.repeat(np.cumsum(n) - n, n)
    cday = c.day.to_numpy()[rep]

    def on(month_index, day):
        first = (month_index // 12 - 1970) * 12 + month_index % 12
        start = first.astype("datetime64[M]").astype("datetime64[D]")
        dim = ((first + 1).astype("datetime64[M]").astype("datetime64[D]") - start).astype(np.int64)
        d = np.minimum(day, dim)
        return start + (d - 1).astype("timedelta64[D]"), d

    sm = cm[rep] + i * step[rep]
    starts, sday = on(sm, cday)
    arrears = (lc["payment_timing"].to_numpy() != "advance")[rep]
    adate = on(sm + step[rep], sday)[0] - np.timedelta64(1, "D")
    dates = np.where(arrears, adate, starts)
    years = (i * step[rep]) // 12
    amt = lc["base_payment"].to_numpy(dtype=float)[rep] * \
        (1 + lc["annual_escalation_pct"].to_numpy(dtype=float)[rep]) ** years
    keep = starts <= e.to_numpy().astype("datetime64[D]")[rep]
    return pd.DataFrame({"lease_id": lc["lease_id"].to_numpy()[rep][keep],
                         "payment_date": pd.to_datetime(dates[keep]).as_unit("ns"),
                         "amount": np.round(amt[keep], 2), "payment_type": "fixed",
                         "pos": lc.index.to_numpy()[rep][keep]})


def _schedule(lc: pd.DataFrame, mods: pd.DataFrame, upto=None) -> pd.DataFrame:
    """Contractual fixed payments (dates and amounts) per lease, with the planted
    modifications applied. Small loop over leases; each lease vectorised."""
    out = []
    mods_by = {k: g for k, g in mods.groupby("lease_id")}
    lc = lc.reset_index(drop=True)
    plain = ~lc["lease_id"].isin(list(mods_by)).to_numpy()
    if plain.any():
        out.append(_plain_schedule(lc[plain]))
    for pos, r in zip(np.flatnonzero(~plain), lc[~plain].itertuples(index=False)):
        k = _periods_per_year(r.payment_frequency)
        step = 12 // k
        end = r.end_date
        base = np.full(1, r.base_payment)
        mg = mods_by.get(r.lease_id)
        ext_end = end
        if mg is not None:
            for m in mg.itertuples(index=False):
                if m.modification_type in ("extension", "term_reduction", "termination") and pd.notna(m.new_end_date):
                    ext_end = m.new_end_date
        n = int(np.ceil(((ext_end.year - r.commencement_date.year) * 12 + ext_end.month - r.commencement_date.month + 1) / step))
        starts = pd.DatetimeIndex([r.commencement_date + pd.DateOffset(months=int(i * step)) for i in range(n)])
        dates = starts if r.payment_timing == "advance" else (starts + pd.DateOffset(months=step) - pd.Timedelta(days=1))
        years = np.array([(s.year - r.commencement_date.year) * 12 + s.month - r.commencement_date.month for s in starts]) // 12
        amt = r.base_payment * (1 + (r.annual_escalation_pct or 0.0)) ** years
        if mg is not None:
            for m in mg.itertuples(index=False):
                if pd.notna(m.new_base_payment):
                    sel = starts >= m.effective_date
                    amt = np.where(sel, m.new_base_payment * (1 + (r.annual_escalation_pct or 0.0)) ** (years - years[sel][0] if sel.any() else 0), amt)
        keep = starts <= ext_end
        df = pd.DataFrame({"lease_id": r.lease_id, "payment_date": dates[keep], "amount": np.round(amt[keep], 2),
                           "payment_type": "fixed", "pos": pos})
        out.append(df)
    s = pd.concat(out, ignore_index=True).sort_values("pos", kind="stable").drop(columns="pos").reset_index(drop=True)
    if upto is not None:
        s = s[s["payment_date"] <= upto]
    return s


def build(ctx: Ctx) -> None:
    t = ctx.tables
    rng = ctx.rng
    lc = pd.DataFrame(PLANTED, columns=COLS)
    for c in ("commencement_date", "end_date"):
        lc[c] = pd.to_datetime(lc[c])
    if ctx.scale.extra_leases:
        lc = pd.concat([lc, _generic(ctx, ctx.scale.extra_leases)], ignore_index=True)
    lc["currency_code"] = lc["subsidiary_id"].map(SUB_CCY)
    for c in ("economic_life_months", "renewal_option_months"):
        lc[c] = pd.array(lc[c].astype(object).where(lc[c].notna(), None).tolist(), dtype="Int64")
    for c in ("fair_value", "purchase_option_price", "residual_value_guarantee_amount",
              "initial_direct_costs", "lease_incentives", "prepaid_rent", "non_lease_component_amount",
              "annual_escalation_pct", "discount_rate", "base_payment"):
        lc[c] = lc[c].astype(float)
    for c in ("transfers_ownership", "purchase_option_reasonably_certain", "renewal_reasonably_certain",
              "is_specialized_asset", "is_short_term_election"):
        lc[c] = lc[c].astype(bool)
    t["leases/lease_contracts"] = lc

    mods = pd.DataFrame(MODS, columns=["modification_id", "lease_id", "effective_date", "modification_type",
                                       "new_end_date", "new_base_payment", "new_discount_rate",
                                       "scope_decrease_pct", "termination_payment", "purchase_option_price",
                                       "purchase_option_reasonably_certain", "residual_value_guarantee_amount"])
    for c in ("effective_date", "new_end_date"):
        mods[c] = pd.to_datetime(mods[c])
    for c in ("new_base_payment", "new_discount_rate", "scope_decrease_pct", "termination_payment",
              "purchase_option_price", "residual_value_guarantee_amount"):
        mods[c] = mods[c].astype(float)
    mods["purchase_option_reasonably_certain"] = mods["purchase_option_reasonably_certain"].astype("boolean")
    t["leases/lease_modifications"] = mods

    # explicit schedules for LS-006 (fixed + variable power + non-lease services) and LS-019 (stepped, free rent)
    sched = _schedule(lc[lc["lease_id"].isin(["LS-006", "LS-019"])], mods)
    s19 = sched["lease_id"] == "LS-019"
    d19 = sched.loc[s19, "payment_date"]
    step = np.where(d19 < pd.Timestamp("2025-12-01"), 0.0,  # three months free rent
                    np.where(d19 < pd.Timestamp("2027-09-01"), 150000.0, np.where(d19 < pd.Timestamp("2029-09-01"), 165000.0, 180000.0)))
    sched.loc[s19, "amount"] = step
    nlc = sched.assign(payment_type="non_lease_component",
                       amount=np.where(sched["lease_id"] == "LS-006", 30000.00, 20000.00))
    var_src = sched[(sched["lease_id"] == "LS-006") & (sched["payment_date"] <= CLOSE_END)]
    var = var_src.assign(payment_type="variable", amount=np.round(rng.uniform(21000, 38000, len(var_src)), 2))
    lp = pd.concat([sched, nlc, var], ignore_index=True)
    lp["o"] = lp["payment_type"].map({"fixed": 0, "variable": 1, "non_lease_component": 2})
    lp = lp.sort_values(["lease_id", "payment_date", "o"]).drop(columns="o").reset_index(drop=True)
    t["leases/lease_payments"] = lp

    sc = pd.DataFrame(SERVICE, columns=["contract_id", "subsidiary_id", "vendor_name", "description", "start_date",
                                        "end_date", "monthly_fee", "has_identified_asset",
                                        "supplier_has_substantive_substitution_right",
                                        "customer_obtains_substantially_all_benefits", "customer_directs_use"])
    for c in ("start_date", "end_date"):
        sc[c] = pd.to_datetime(sc[c])
    sc["currency_code"] = sc["subsidiary_id"].map(SUB_CCY)
    t["leases/service_contracts"] = sc

    # cash actually paid up to the close (feeds bank and GL): explicit schedule wins
    cash = _schedule(lc[~lc["lease_id"].isin(["LS-006", "LS-019"])], mods, upto=CLOSE_END)
    cash = pd.concat([cash, lp[lp["payment_date"] <= CLOSE_END]], ignore_index=True)
    cash = cash[cash["amount"] > 0]
    nlc_amt = lc.set_index("lease_id")["non_lease_component_amount"]
    fixed = cash[(cash["payment_type"] == "fixed") & ~cash["lease_id"].isin(["LS-006", "LS-019"])]
    extra = fixed.assign(amount=fixed["lease_id"].map(nlc_amt)).dropna(subset=["amount"])
    term = mods[mods["modification_type"] == "termination"]
    tp = pd.DataFrame({"lease_id": term["lease_id"], "payment_date": term["effective_date"],
                       "amount": term["termination_payment"], "payment_type": "termination"})
    cash = pd.concat([cash, extra.assign(payment_type="non_lease_component"), tp], ignore_index=True)
    # terminated lease: no payments after termination
    for m in term.itertuples(index=False):
        cash = cash[~((cash["lease_id"] == m.lease_id) & (cash["payment_date"] > m.effective_date))]
    cash = cash.merge(lc[["lease_id", "subsidiary_id", "currency_code", "lessor_name"]], on="lease_id")
    t["_lease_cash"] = cash.sort_values(["payment_date", "lease_id", "payment_type"]).reset_index(drop=True)
