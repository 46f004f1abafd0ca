"""Capital projects, milestones, capex bills, the fixed-asset register and asset events."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .common import CLOSE_END, SUB_CCY, SUB_DCS, SUB_OFFICE, Ctx, cents_allocate, ids
from .company import ASSET_CLASSES, rate

D = pd.Timestamp
# project_id, sub, location, description, gpu, servers, start, accepted (None = not accepted), expected
PLANTED_PROJECTS = [
    ("CP-001", "US01", "DC01", "Ashburn H100 cluster A (512 GPUs)", "H100", 64, "2025-01-06", "2025-03-17", "2025-03-31"),
    ("CP-002", "US01", "DC01", "Ashburn H100 cluster B (640 GPUs)", "H100", 80, "2025-02-03", "2025-05-14", "2025-05-31"),
    ("CP-003", "US01", "DC02", "Dallas H100 cluster (768 GPUs)", "H100", 96, "2025-03-03", "2025-06-18", "2025-06-30"),
    ("CP-004", "UK01", "DC05", "Slough H100 cluster (384 GPUs)", "H100", 48, "2025-04-01", "2025-07-16", "2025-07-31"),
    ("CP-005", "IE01", "DC06", "Dublin H200 cluster (512 GPUs)", "H200", 64, "2025-05-05", "2025-08-20", "2025-08-31"),
    ("CP-006", "US01", "DC03", "Phoenix H200 cluster (896 GPUs)", "H200", 112, "2025-07-01", "2025-10-15", "2025-10-31"),
    ("CP-007", "US01", "DC02", "Dallas H200 cluster B (640 GPUs)", "H200", 80, "2025-10-01", "2026-01-21", "2026-01-31"),
    ("CP-008", "UK01", "DC05", "Slough H200 cluster B (384 GPUs)", "H200", 48, "2026-01-05", "2026-04-15", "2026-04-30"),
    ("CP-009", "US01", "DC04", "Hillsboro B200 cluster (stalled: utility power delivery)", "B200", 56, "2025-06-02", None, "2025-12-31"),
    ("CP-010", "US01", "DC03", "Phoenix B200 cluster (576 GPUs)", "B200", 72, "2026-03-02", "2026-07-15", "2026-07-31"),
    ("CP-011", "IE01", "DC06", "Dublin B200 cluster (448 GPUs)", "B200", 56, "2026-05-04", "2026-10-14", "2026-10-31"),
    ("CP-012", "US01", "DC01", "Ashburn B200 cluster C (512 GPUs)", "B200", 64, "2026-07-06", None, "2027-01-31"),
]
UNIT_COST_USD = {"H100": 282000.0, "H200": 336000.0, "B200": 468000.0}
TO_LOCAL = {"USD": 1.0, "GBP": 0.785, "EUR": 0.915}
# category, share of total, number of bills, vendor, asset class (None = indirect, allocated)
CATEGORIES = [
    ("servers", 0.72, 3, "Northgate Systems Inc.", "GPU_SERVER"),
    ("network", 0.10, 2, "Meridian Networks LLC", "NETWORK"),
    ("racks", 0.06, 1, "Voltline Power Solutions", "RACK_POWER"),
    ("storage", 0.06, 1, "Tessaract Storage Corp.", "STORAGE"),
    ("cabling", 0.02, 1, "Crestline Data Centre Integrators", None),
    ("installation", 0.04, 1, "Crestline Data Centre Integrators", None),
]
SERVER_BILL_SPLIT = np.array([0.40, 0.35, 0.25])


def _projects(ctx: Ctx) -> pd.DataFrame:
    p = pd.DataFrame(PLANTED_PROJECTS, columns=["project_id", "subsidiary_id", "location_id",
                                                "description", "gpu", "n_servers", "start_date",
                                                "accepted_date", "expected_in_service_date"])
    n = ctx.scale.generic_projects
    if n:
        rng = ctx.rng
        subs = rng.choice(["US01", "UK01", "IE01"], n, p=[0.7, 0.15, 0.15])
        loc = np.array([SUB_DCS[s][rng.integers(len(SUB_DCS[s]))] for s in subs], dtype=object)
        start = D("2025-01-06") + pd.to_timedelta(rng.integers(0, 560, n), unit="D")
        dur = rng.integers(85, 150, n)
        acc = start + pd.to_timedelta(dur, unit="D")
        gpu = np.where(start < D("2025-06-01"), "H100", np.where(start < D("2026-01-01"), "H200", "B200"))
        g = pd.DataFrame({
            "project_id": ids("CP-", n, 4, start=13), "subsidiary_id": subs, "location_id": loc,
            "gpu": gpu, "n_servers": rng.integers(*ctx.scale.servers_per_project, n),
            "start_date": start.strftime("%Y-%m-%d"),
            "accepted_date": np.where(acc <= CLOSE_END - pd.Timedelta(days=20),
                                      acc.strftime("%Y-%m-%d"), None),
            "expected_in_service_date": (acc + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")})
        g["description"] = (g["location_id"] + " " + g["gpu"] + " cluster build-out " + g["project_id"])
        p = pd.concat([p, g], ignore_index=True)
    for c in ("start_date", "accepted_date", "expected_in_service_date"):
        p[c] = pd.to_datetime(p[c])
    p["currency_code"] = p["subsidiary_id"].map(SUB_CCY)
    p["unit_cost"] = p["gpu"].map(UNIT_COST_USD) * p["currency_code"].map(TO_LOCAL)
    p["budget_amount"] = np.round(p["n_servers"] * p["unit_cost"] / 0.72 * 1.05, -3)
    return p


def _capex_lines(ctx: Ctx, p: pd.DataFrame) -> pd.DataFrame:
    rng = ctx.rng
    rows = []
    # bill templates: (category index, share within the category, position in build 0..1)
    tmpl = [(0, SERVER_BILL_SPLIT[0], 0.30), (0, SERVER_BILL_SPLIT[1], 0.45), (0, SERVER_BILL_SPLIT[2], 0.60),
            (1, 0.6, 0.40), (1, 0.4, 0.55), (2, 1.0, 0.20), (3, 1.0, 0.50), (4, 1.0, 0.85), (5, 1.0, 0.85)]
    t = pd.DataFrame(tmpl, columns=["cat", "split", "pos"])
    t["bill_seq"] = [0, 1, 2, 3, 4, 5, 6, 7, 7]  # cabling + installation share one bill
    x = p.merge(t, how="cross")
    server_total = x["n_servers"] * x["unit_cost"] * rng.uniform(0.985, 1.015, len(p)).repeat(len(t))
    share = np.array([c[1] for c in CATEGORIES])[x["cat"]]
    x["amount"] = np.round(server_total / 0.72 * share * x["split"], 2)
    end = x["accepted_date"].fillna(x["expected_in_service_date"]) - pd.Timedelta(days=7)
    span = (end - x["start_date"]).dt.days
    x["bill_date"] = x["start_date"] + pd.to_timedelta(np.floor(span * x["pos"]).astype(int), unit="D")
    x["vendor_name"] = np.array([c[3] for c in CATEGORIES], dtype=object)[x["cat"]]
    x["category"] = np.array([c[0] for c in CATEGORIES], dtype=object)[x["cat"]]
    x["description"] = x["category"].map({
        "servers": "GPU servers delivery", "network": "InfiniBand switches and optics",
        "racks": "Racks, PDUs and busway", "storage": "NVMe storage array",
        "cabling": "Structured cabling and fibre", "installation": "Installation and burn-in labour"}) \
        + " - " + x["project_id"]
    # CP-005 (IE01): the GPU vendor invoices in USD (foreign-currency payable)
    usd = (x["project_id"] == "CP-005") & (x["category"] == "servers")
    x.loc[usd, "amount"] = np.round(x.loc[usd, "amount"] / TO_LOCAL["EUR"], 2)
    x.loc[usd, "currency_code"] = "USD"
    x = x[x["bill_date"] <= CLOSE_END]
    # CP-009 stale CIP: monthly electrical progress billings keep accumulating
    prog_dates = pd.date_range("2025-08-25", "2026-10-25", freq="MS") + pd.Timedelta(days=24)
    stale = p[p["project_id"] == "CP-009"].iloc[0]
    prog = pd.DataFrame({"project_id": "CP-009", "subsidiary_id": stale["subsidiary_id"],
                         "currency_code": "USD", "bill_date": prog_dates,
                         "amount": np.round(rng.uniform(180000, 420000, len(prog_dates)), 2),
                         "vendor_name": "Cascade Electrical Contractors",
                         "category": "installation", "bill_seq": 100 + np.arange(len(prog_dates)),
                         "description": "Electrical progress billing (substation tie-in) - CP-009"})
    x = pd.concat([x, prog], ignore_index=True)
    x = x.sort_values(["bill_date", "project_id", "bill_seq", "category"], kind="stable").reset_index(drop=True)
    bill_key = x["project_id"] + "|" + x["bill_seq"].astype(str)
    codes, uniq = pd.factorize(bill_key)
    x["bill_id"] = ids("BILL-", len(uniq), 6)[codes]
    x["line_id"] = ids("CL-", len(x), 6)
    return x


def _register(ctx: Ctx, p: pd.DataFrame, capex: pd.DataFrame) -> pd.DataFrame:
    rng = ctx.rng
    reg_proj = p[p["accepted_date"].notna() & (p["project_id"] != "CP-011")]
    reg_proj = pd.concat([reg_proj, p[p["project_id"] == "CP-012"]])
    # capex in functional currency, per project and category
    cx = capex[capex["project_id"].isin(reg_proj["project_id"])].copy()
    cx["ccy_f"] = cx["subsidiary_id"].map(SUB_CCY)
    fxr = rate(ctx, cx["currency_code"].to_numpy(), cx["ccy_f"].to_numpy(), cx["bill_date"])
    cx["cents"] = np.round(np.round(cx["amount"] * fxr, 2) * 100).astype(np.int64)
    cx["cls"] = cx["category"].map({c[0]: c[4] for c in CATEGORIES})
    direct_tot = cx[cx["cls"].notna()].groupby(["project_id", "cls"])["cents"].sum()
    indirect_tot = cx[cx["cls"].isna()].groupby("project_id")["cents"].sum()

    n = reg_proj["n_servers"].to_numpy()
    counts = {"GPU_SERVER": n, "NETWORK": np.maximum(2, n // 8), "RACK_POWER": -(-n // 4),
              "STORAGE": np.maximum(1, n // 32)}
    parts = []
    for cls, cnt in counts.items():
        rp = reg_proj.loc[reg_proj.index.repeat(cnt)].copy()
        rp["asset_class_code"] = cls
        rp["seq"] = rp.groupby("project_id").cumcount() + 1
        parts.append(rp)
    a = pd.concat(parts, ignore_index=True)
    a["w"] = rng.normal(1.0, 0.01, len(a))
    key = a["project_id"] + "|" + a["asset_class_code"]
    tot = direct_tot.copy()
    tot.index = tot.index.get_level_values(0) + "|" + tot.index.get_level_values(1)
    a["direct"] = cents_allocate(key.map(tot).to_numpy(), a["w"].to_numpy(), key.to_numpy())
    ind = a["project_id"].map(indirect_tot).fillna(0).astype(np.int64).to_numpy()
    a["indirect"] = cents_allocate(ind, a["direct"].to_numpy(), a["project_id"].to_numpy())
    a["cost_cents"] = a["direct"] + a["indirect"]
    label = {"GPU_SERVER": "GPU server 8x {g} SXM", "NETWORK": "InfiniBand NDR switch",
             "RACK_POWER": "Rack with PDUs", "STORAGE": "NVMe storage array"}
    a["description"] = [label[c].format(g=g) for c, g in zip(a["asset_class_code"], a["gpu"])] \
        if len(a) < 200000 else a["asset_class_code"]
    a["description"] = a["description"] + " - " + a["project_id"] + " #" + a["seq"].astype(str).str.zfill(3)
    first_bill = capex.groupby("project_id")["bill_date"].min()
    a["acquisition_date"] = a["project_id"].map(first_bill)
    a["in_service_date"] = a["accepted_date"]
    a["parent_asset_id"] = None
    a = a.sort_values(["start_date", "project_id", "asset_class_code", "seq"], kind="stable").reset_index(drop=True)

    # components: GPU baseboards of the first 8 CP-001 servers carved out as child assets
    comp_src = a[(a["project_id"] == "CP-001") & (a["asset_class_code"] == "GPU_SERVER") & (a["seq"] <= 8)]
    comp = comp_src.copy()
    comp["cost_cents"] = np.round(comp_src["cost_cents"] * 0.55).astype(np.int64)
    a.loc[comp_src.index, "cost_cents"] -= comp["cost_cents"]
    comp["description"] = "NVIDIA HGX H100 8-GPU baseboard (component) - CP-001 #" + comp_src["seq"].astype(str).str.zfill(3)
    comp["component_of"] = comp_src.index
    a["component_of"] = -1
    a = pd.concat([a, comp], ignore_index=True)
    a["asset_id"] = ids("FA-", len(a), 7)
    comp_mask = a["component_of"] >= 0
    a.loc[comp_mask, "parent_asset_id"] = a["asset_id"].to_numpy()[a.loc[comp_mask, "component_of"].astype(int)]
    a["cost"] = a["cost_cents"] / 100.0
    a["currency_code"] = a["subsidiary_id"].map(SUB_CCY)
    a["source"] = "project"
    return a


def _direct_assets(ctx: Ctx, start_n: int) -> pd.DataFrame:
    rng = ctx.rng
    sc = ctx.scale

    def rand_dates(k, lo="2025-01-02", hi="2026-10-28"):
        span = (D(hi) - D(lo)).days
        return D(lo) + pd.to_timedelta(np.sort(rng.integers(0, span, k)), unit="D")

    frames = []
    k = sc.laptops
    subs = rng.choice(["US01", "UK01", "IE01"], k, p=[0.7, 0.18, 0.12])
    acq = rand_dates(k)
    frames.append(pd.DataFrame({"asset_class_code": "COMPUTER", "subsidiary_id": subs,
                                "location_id": pd.Series(subs).map(SUB_OFFICE).to_numpy(),
                                "description": rng.choice(["Laptop - MacBook Pro 16in", "Laptop - ThinkPad X1 Carbon", "Workstation - Dell Precision 7960"], k, p=[0.6, 0.3, 0.1]),
                                "acquisition_date": acq, "cost": np.round(rng.uniform(1650, 3900, k), 2)}))
    k = sc.furniture
    subs = rng.choice(["US01", "UK01"], k, p=[0.75, 0.25])
    frames.append(pd.DataFrame({"asset_class_code": "FURNITURE", "subsidiary_id": subs,
                                "location_id": pd.Series(subs).map(SUB_OFFICE).to_numpy(),
                                "description": rng.choice(["Workstation cluster (6 desks)", "Conference room AV system", "Office furniture set"], k),
                                "acquisition_date": rand_dates(k, hi="2026-06-30"),
                                "cost": np.round(rng.uniform(5200, 28000, k), 2)}))
    planted = pd.DataFrame([
        ("COMPUTER", "US01", "OF01", "Monitor 27in (below threshold)", "2025-04-08", 389.00),
        ("COMPUTER", "US01", "OF01", "Docking station (below threshold)", "2025-09-16", 649.00),
        ("COMPUTER", "UK01", "OF02", "Monitor 32in (below threshold)", "2026-02-11", 512.50),
        ("FURNITURE", "US01", "OF01", "Ergonomic chairs x4 (below threshold)", "2025-06-19", 2390.00),
        ("FURNITURE", "UK01", "OF02", "Standing desk (below threshold)", "2026-03-04", 1150.00),
        ("NETWORK", "US01", "DC02", "Out-of-band management switch (below threshold)", "2025-11-12", 1890.00),
        ("LHI", "US01", "OF01", "San Francisco office fit-out (lease LS-005)", "2025-02-14", 2350000.00),
        ("LHI", "UK01", "OF02", "London office fit-out (lease LS-007)", "2025-04-10", 880000.00),
        ("LHI", "US01", "DC01", "Ashburn cage build-out and hot-aisle containment", "2025-02-20", 1240000.00),
        ("LHI", "US01", "DC02", "Dallas suite fit-out", "2025-04-15", 960000.00),
        ("LHI", "IE01", "DC06", "Dublin hall fit-out", "2025-06-05", 1105000.00),
        ("LAND", "US01", "DC03", "Phoenix campus land parcel (12 acres)", "2025-03-03", 4200000.00),
        ("BUILDING", "US01", "DC03", "Phoenix owned data-centre shell building", "2025-09-15", 18500000.00),
        ("STORAGE", "US01", "DC01", "Backup storage array (straight-line override, salvage override)", "2025-05-21", 148000.00),
        ("GPU_SERVER", "US01", "DC01", "Replacement HGX H100 baseboard (RMA swap after the 2026-04-20 partial disposal)", "2026-04-22", 52400.00),
    ], columns=["asset_class_code", "subsidiary_id", "location_id", "description", "acquisition_date", "cost"])
    planted["acquisition_date"] = pd.to_datetime(planted["acquisition_date"])
    frames.append(planted)
    d = pd.concat(frames, ignore_index=True)
    d["in_service_date"] = d["acquisition_date"] + pd.to_timedelta(
        np.where(d["asset_class_code"].isin(["LHI", "BUILDING"]), 0, rng.integers(0, 9, len(d))), unit="D")
    d["in_service_date"] = d["in_service_date"].clip(upper=CLOSE_END)
    d["currency_code"] = d["subsidiary_id"].map(SUB_CCY)
    d["asset_id"] = ids("FA-", len(d), 7, start=start_n + 1)
    d["project_id"] = None
    d["parent_asset_id"] = None
    d["source"] = "direct"
    return d


def build(ctx: Ctx) -> None:
    rng = ctx.rng
    t = ctx.tables
    p = _projects(ctx)
    capex = _capex_lines(ctx, p)
    capex["currency_code"] = capex["currency_code"].fillna(capex["subsidiary_id"].map(SUB_CCY))
    pa = _register(ctx, p, capex)
    da = _direct_assets(ctx, len(pa))
    fa = pd.concat([pa, da], ignore_index=True)
    n = len(fa)
    prefix = fa["asset_class_code"].map({"GPU_SERVER": "SRV", "NETWORK": "NET", "RACK_POWER": "RCK",
                                         "STORAGE": "STO", "LHI": "", "FURNITURE": "", "COMPUTER": "CMP",
                                         "LAND": "", "BUILDING": "", "CIP": ""})
    scr = (np.arange(1, n + 1, dtype=np.int64) * 0x9E3779B1) % (1 << 40)
    serial = prefix + "-" + pd.Series(np.char.mod("%010X", scr), index=fa.index)
    fa["serial_number"] = serial.where(prefix != "", None)
    fa["salvage_value"] = np.nan
    fa["useful_life_months"] = pd.array([pd.NA] * n, dtype="Int64")
    fa["depreciation_method"] = None
    m = fa["description"].str.startswith("Backup storage array")
    fa.loc[m, "depreciation_method"] = "straight_line"
    fa.loc[m, "salvage_value"] = 10000.00
    m = fa["description"].str.startswith("San Francisco office fit-out")
    fa.loc[m, "useful_life_months"] = 70  # remaining lease term of LS-005 (shorter than 120)
    m = fa["description"].str.startswith("London office fit-out")
    fa.loc[m, "useful_life_months"] = 119
    board = fa["description"].str.startswith("Replacement HGX")
    t["_fa_internal"] = fa

    # ----- events --------------------------------------------------------------------
    srv = fa[(fa["asset_class_code"] == "GPU_SERVER") & fa["parent_asset_id"].isna() & (fa["source"] == "project")]
    cp1 = srv[srv["project_id"] == "CP-001"]
    cp1_nocomp = cp1[~cp1["asset_id"].isin(fa["parent_asset_id"].dropna())]
    cp2 = srv[srv["project_id"] == "CP-002"]
    cp3 = srv[srv["project_id"] == "CP-003"]
    cp6 = srv[srv["project_id"] == "CP-006"]
    sto3 = fa[(fa["project_id"] == "CP-003") & (fa["asset_class_code"] == "STORAGE")]
    laptop = fa[(fa["asset_class_code"] == "COMPUTER") & (fa["subsidiary_id"] == "US01") &
                (fa["in_service_date"] < D("2025-06-01"))]
    ev = []
    disp = cp1_nocomp.iloc[-1]
    ev.append((disp["asset_id"], "disposal", "2026-06-15", disp["cost"], 145000.00, None, None, None))
    lap = laptop.iloc[0]
    ev.append((lap["asset_id"], "disposal", "2026-02-27", lap["cost"], 0.0, None, None, None))
    part = cp2.iloc[4]
    ev.append((part["asset_id"], "partial_disposal", "2026-04-20", round(part["cost"] * 0.18, 2), 0.0, None, None, None))
    fa.loc[board, "parent_asset_id"] = part["asset_id"]
    tr = cp2.iloc[-1]
    ev.append((tr["asset_id"], "transfer", "2026-05-01", None, None, "IE01", "DC06", None))
    lt = cp3.iloc[-1]
    ev.append((lt["asset_id"], "transfer", "2026-03-01", None, None, None, "DC03", None))
    imp = sto3.iloc[0]
    ev.append((imp["asset_id"], "impairment", "2026-08-31", round(imp["cost"] * 0.25, 2), None, None, None, None))
    ca = cp6.iloc[0]
    ev.append((ca["asset_id"], "cost_adjustment", "2026-02-10", -12500.00, None, None, None, None))
    for aid in cp1["asset_id"]:  # H100 life reassessment for the whole CP-001 server fleet
        ev.append((aid, "useful_life_change", "2026-01-01", None, None, None, None, 48))
    events = pd.DataFrame(ev, columns=["asset_id", "event_type", "event_date", "amount", "proceeds",
                                       "to_subsidiary_id", "to_location_id", "new_useful_life_months"])
    if ctx.scale.name != "S":  # generic laptop disposals at larger scales
        pool = disposable_laptops(fa, events)
        pick = pool.sample(frac=0.03, random_state=int(rng.integers(1 << 31)))
        g = pd.DataFrame({"asset_id": pick["asset_id"].to_numpy(), "event_type": "disposal",
                          "event_date": (pick["in_service_date"] + pd.Timedelta(days=400)).dt.strftime("%Y-%m-%d").to_numpy(),
                          "amount": pick["cost"].to_numpy(), "proceeds": 0.0})
        events = pd.concat([events, g], ignore_index=True)
    events["event_date"] = pd.to_datetime(events["event_date"])
    events["amount"] = events["amount"].astype(float)
    events["proceeds"] = events["proceeds"].astype(float)
    events["new_useful_life_months"] = events["new_useful_life_months"].astype("Int64")
    events = events.sort_values(["event_date", "asset_id", "event_type"], kind="stable").reset_index(drop=True)
    events["event_id"] = ids("AE-", len(events), 4)
    t["erp/asset_events"] = events
    t["erp/fixed_assets"] = fa
    t["_fa_internal"] = fa

    t["infra/capital_projects"] = p.assign(asset_class_code="GPU_SERVER")
    ms = []
    for off, name in ((-35, "racked"), (-24, "powered"), (-14, "burn_in"), (0, "accepted")):
        acc = p[p["accepted_date"].notna()]
        ms.append(pd.DataFrame({"project_id": acc["project_id"], "milestone": name,
                                "milestone_date": acc["accepted_date"] + pd.Timedelta(days=off)}))
    ms.append(pd.DataFrame({"project_id": ["CP-009", "CP-012"], "milestone": "racked",
                            "milestone_date": pd.to_datetime(["2025-11-10", "2026-10-20"])}))
    ms = pd.concat(ms, ignore_index=True)
    order = {"racked": 0, "powered": 1, "burn_in": 2, "accepted": 3}
    ms = ms.assign(o=ms["milestone"].map(order)).sort_values(["project_id", "o"]).drop(columns="o")
    t["infra/deployment_milestones"] = ms.reset_index(drop=True)
    t["erp/capex_lines"] = capex


COMPUTER_CAPITALIZATION_THRESHOLD = float(next(row[7] for row in ASSET_CLASSES if row[0] == "COMPUTER"))


def disposable_laptops(fa: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The laptops the M/L presets may dispose of generically: capitalized (cost at or above the
    class's threshold: an expensed purchase has no register balance to dispose of), in service
    before October 2025, and touched by no planted event."""
    return fa[(fa["asset_class_code"] == "COMPUTER") & (fa["in_service_date"] < D("2025-10-01"))
              & (fa["cost"] >= COMPUTER_CAPITALIZATION_THRESHOLD) & ~fa["asset_id"].isin(events["asset_id"])]
