"""CRM contracts and rates, SKUs, daily metered usage (streamed by month), invoices."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .common import CLOSE_END, MONTHS, SUB_CCY, SUB_DCS, Ctx, ids

SKUS = pd.DataFrame([
    ("GPU-H100-HR", "NVIDIA H100 SXM on-demand GPU hour", "gpu_hour", 2.49),
    ("GPU-H200-HR", "NVIDIA H200 SXM on-demand GPU hour", "gpu_hour", 3.29),
    ("GPU-B200-HR", "NVIDIA B200 on-demand GPU hour", "gpu_hour", 4.99),
    ("STOR-NVME-GBMO", "NVMe block storage, GB-month", "gb_month", 0.10),
    ("NET-400G-PORTMO", "Dedicated 400G network port, port-month", "port_month", 450.00),
], columns=["sku", "description", "unit", "list_price"])
LIST = dict(zip(SKUS["sku"], SKUS["list_price"]))
REPS = ["Dana Whitfield", "Marcus Oyelaran", "Priya Raman", "Tom Gallagher", "Sofia Lindqvist", "Kenji Watanabe"]
N = None
# contract_id, customer_id, sub, type, start, end, commit_period, gpu sku, location, gpus, ccy override
PLANTED = [
    ("CT-0001", "CUS-0001", "US01", "committed_spend", "2025-02-01", "2027-01-31", "annual", "GPU-H100-HR", "DC01", 128, N),
    ("CT-0002", "CUS-0002", "US01", "committed_spend", "2025-06-01", "2027-05-31", "monthly", "GPU-H200-HR", "DC03", 64, N),
    ("CT-0003", "CUS-0003", "UK01", "committed_spend", "2025-10-01", "2026-09-30", "term", "GPU-H100-HR", "DC05", 96, N),
    ("CT-0004", "CUS-0004", "US01", "on_demand", "2025-03-10", N, N, "GPU-H100-HR", "DC02", 48, N),
    ("CT-0005", "CUS-0005", "US01", "on_demand", "2025-11-01", N, N, "GPU-H200-HR", "DC03", 32, N),
    ("CT-0006", "CUS-0006", "IE01", "on_demand", "2025-09-01", N, N, "GPU-H200-HR", "DC06", 40, N),
    ("CT-0007", "CUS-0007", "UK01", "on_demand", "2025-08-01", N, N, "GPU-H100-HR", "DC05", 24, "USD"),
    ("CT-0008", "CUS-0008", "US01", "on_demand", "2025-05-01", N, N, "GPU-H100-HR", "DC02", 16, N),
    ("CT-0009", "CUS-0009", "US01", "prepaid_credits", "2025-01-15", "2026-01-14", N, "GPU-H100-HR", "DC01", 32, N),
    ("CT-0010", "CUS-0009", "US01", "prepaid_credits", "2026-02-01", "2027-01-31", N, "GPU-H200-HR", "DC03", 32, N),
    ("CT-0011", "CUS-0011", "US01", "reserved_capacity", "2025-04-01", "2027-03-31", N, "GPU-H100-HR", "DC01", 256, N),
    ("CT-0012", "CUS-0012", "IE01", "reserved_capacity", "2025-10-01", "2026-09-30", N, "GPU-H200-HR", "DC06", 64, N),
]
ADJ = ["Orbital", "Quantum", "Lattice", "Nimbus", "Vector", "Aurora", "Cobalt", "Helix", "Sable", "Tensor",
       "Prism", "Cinder", "Gradient", "Atlas", "Polar", "Zenith", "Kestrel", "Mosaic", "Onyx", "Fathom"]
NOUN = ["Labs", "AI", "Robotics", "Bio", "Analytics", "Systems", "Dynamics", "Vision", "Genomics", "Research"]
SUFFIX = {"US01": "Inc.", "UK01": "Ltd", "IE01": "Teoranta"}


def _contracts(ctx: Ctx) -> pd.DataFrame:
    rng = ctx.rng
    p = pd.DataFrame(PLANTED, columns=["contract_id", "customer_id", "subsidiary_id", "contract_type", "start_date",
                                       "end_date", "commit_period", "gpu_sku", "location_id", "gpus", "ccy"])
    n = ctx.scale.extra_contracts
    sub = rng.choice(["US01", "UK01", "IE01"], n, p=[0.7, 0.15, 0.15])
    ctype = rng.choice(["on_demand", "committed_spend", "prepaid_credits", "reserved_capacity"], n, p=[0.5, 0.25, 0.15, 0.1])
    start = (pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 600, n), unit="D"))
    first = start.to_period("M").to_timestamp()
    start = pd.DatetimeIndex(np.where(np.isin(ctype, ["committed_spend", "reserved_capacity"]), first, start))
    term = rng.choice([12, 24, 36], n)
    end = pd.DatetimeIndex([s + pd.DateOffset(months=int(t)) - pd.Timedelta(days=1) for s, t in zip(start, term)]) \
        if n < 5000 else start + pd.to_timedelta(term * 30.44, unit="D")
    gpu = np.where(start < pd.Timestamp("2025-09-01"), "GPU-H100-HR",
                   np.where(start < pd.Timestamp("2026-06-01"), rng.choice(["GPU-H100-HR", "GPU-H200-HR"], n), "GPU-B200-HR"))
    loc = np.array([SUB_DCS[s][i % len(SUB_DCS[s])] for s, i in zip(sub, rng.integers(0, 4, n))], dtype=object)
    g = pd.DataFrame({
        "contract_id": ids("CT-", n, 5 if n > 9000 else 4, start=13),
        "subsidiary_id": sub, "contract_type": ctype, "start_date": start.strftime("%Y-%m-%d"),
        "end_date": np.where(ctype == "on_demand", None, pd.DatetimeIndex(end).strftime("%Y-%m-%d")),
        "commit_period": np.where(ctype == "committed_spend", rng.choice(["monthly", "annual", "term"], n), None),
        "gpu_sku": gpu, "location_id": loc, "gpus": 8 * rng.integers(1, 24, n), "ccy": None})
    g["customer_id"] = "CUS-" + g["contract_id"].str[3:]
    c = pd.concat([p, g], ignore_index=True)
    for col in ("start_date", "end_date"):
        c[col] = pd.to_datetime(c[col])
    c["currency_code"] = c["ccy"].fillna(c["subsidiary_id"].map(SUB_CCY))
    k = len(c)
    c["discount_pct"] = np.round(rng.choice([0.0, 0.05, 0.1, 0.15, 0.2], k), 2)
    c["signed_date"] = c["start_date"] - pd.to_timedelta(rng.integers(5, 40, k), unit="D")
    c["sales_rep"] = rng.choice(REPS, k)
    c["has_dedicated_hardware"] = np.where(c["contract_type"] == "reserved_capacity", False, None)
    c.loc[c["contract_id"] == "CT-0011", "has_dedicated_hardware"] = True
    gen_res = (c["contract_type"] == "reserved_capacity") & (c.index >= len(p))
    c.loc[gen_res, "has_dedicated_hardware"] = rng.random(int(gen_res.sum())) < 0.4
    c["has_dedicated_hardware"] = c["has_dedicated_hardware"].astype("boolean")
    return c


def _lines(ctx: Ctx, c: pd.DataFrame) -> pd.DataFrame:
    """One usage line per contract x sku x location with its demand parameters."""
    rng = ctx.rng
    base = c[["contract_id", "customer_id", "gpu_sku", "location_id", "gpus", "start_date", "end_date", "contract_type"]]
    gl = base.assign(sku=base["gpu_sku"], units=base["gpus"].astype(float))
    st = base[rng.random(len(base)) < 0.85]
    st = st.assign(sku="STOR-NVME-GBMO", units=st["gpus"] * 2000.0)
    nt = base[rng.random(len(base)) < 0.3]
    nt = nt.assign(sku="NET-400G-PORTMO", units=np.maximum(1, nt["gpus"] // 32).astype(float))
    sec = base[rng.random(len(base)) < 0.45]  # a second GPU generation on the same contract
    nxt = {"GPU-H100-HR": "GPU-H200-HR", "GPU-H200-HR": "GPU-H100-HR", "GPU-B200-HR": "GPU-H200-HR"}
    sec = sec.assign(sku=sec["gpu_sku"].map(nxt), units=np.maximum(8, sec["gpus"] // 2).astype(float))
    parts = [gl, sec, st, nt]
    for i in range(ctx.scale.skus_per_contract):  # larger scales: more sku/location lines
        ex = base.assign(sku=np.array(["GPU-H100-HR", "GPU-H200-HR", "GPU-B200-HR"])[(np.arange(len(base)) + i) % 3],
                         units=base["gpus"].astype(float))
        ex = ex.assign(location_id=[SUB_DCS["US01"][(j + i) % 4] for j in range(len(ex))])
        parts.append(ex)
    L = pd.concat(parts, ignore_index=True)
    L["tau"] = rng.uniform(15, 90, len(L))
    L["level"] = rng.uniform(0.55, 0.95, len(L))
    L.loc[L["contract_id"] == "CT-0003", "level"] = 0.45  # under-uses its term commitment
    L.loc[L["contract_id"] == "CT-0001", "level"] = 0.60
    L["last"] = L["end_date"].fillna(CLOSE_END).clip(upper=CLOSE_END)
    L = L.sort_values(["contract_id", "sku", "location_id"], kind="stable").reset_index(drop=True)
    return L


def usage_chunks(ctx: Ctx, L: pd.DataFrame):
    """Yield (month, DataFrame) of daily usage rows, vectorised per month."""
    rng = ctx.rng
    start = L["start_date"].to_numpy("datetime64[D]")
    last = L["last"].to_numpy("datetime64[D]")
    is_gpu = L["sku"].str.startswith("GPU").to_numpy()
    is_port = (L["sku"] == "NET-400G-PORTMO").to_numpy()
    units = L["units"].to_numpy()
    tau = L["tau"].to_numpy()
    level = L["level"].to_numpy()
    next_id = 1
    for m in MONTHS:
        days = pd.date_range(m, m + pd.offsets.MonthEnd(0), freq="D").to_numpy("datetime64[D]")
        dim = len(days)
        active = (days[None, :] >= start[:, None]) & (days[None, :] <= last[:, None])
        li, di = np.nonzero(active)
        if len(li) == 0:
            continue
        age = (days[di] - start[li]).astype(np.int64)
        ramp = 1 - np.exp(-(age + 1) / tau[li])
        noise = rng.normal(1.0, 0.06, len(li))
        util = np.clip(level[li] * ramp * noise, 0, 1)
        q = np.where(is_gpu[li], units[li] * 24 * util,
                     np.where(is_port[li], units[li] / dim, units[li] * np.minimum(1, ramp * 1.2) / dim))
        q = np.round(q, 4)
        usage_date = days[di]
        received = usage_date + np.timedelta64(1, "D")
        df = pd.DataFrame({"line": li, "customer_id": L["customer_id"].to_numpy()[li],
                           "sku": L["sku"].to_numpy()[li], "location_id": L["location_id"].to_numpy()[li],
                           "usage_date": usage_date, "quantity": q, "received_date": received})
        # planted late usage: CT-0004's 28-30 Sep 2026 meter records arrive 6 Oct, after the Sep invoice
        late = (L["contract_id"].to_numpy()[li] == "CT-0004") & (usage_date >= np.datetime64("2026-09-28")) \
            & (usage_date <= np.datetime64("2026-09-30"))
        df.loc[late, "received_date"] = pd.Timestamp("2026-10-06")
        df = df[df["quantity"] > 0]
        df.insert(0, "usage_id", np.arange(next_id, next_id + len(df), dtype=np.int64))
        next_id += len(df)
        yield m, df


def usage_months_fast(ctx: Ctx, L: pd.DataFrame, typed: bool = False):
    """M/L usage: yield (month, arrow table, billing aggregate) per month, rows sorted by usage_date.

    Same demand model as usage_chunks, generated day-major (so each month's row group is in
    usage_date order) straight into arrow arrays: ids, dates and quantities are never
    formatted row by row in Python. The billing aggregate is quantity per line, billing month
    (the month the rows are received for) and usage month, as aggregate_billing returns."""
    import pyarrow as pa

    from .writer import fixed_decimal, fixed_text
    rng = ctx.rng
    epoch = np.datetime64("1970-01-01", "D")
    start = (L["start_date"].to_numpy("datetime64[D]") - epoch).astype(np.int64)
    last = (L["last"].to_numpy("datetime64[D]") - epoch).astype(np.int64)
    is_gpu = L["sku"].str.startswith("GPU").to_numpy()
    is_port = (L["sku"] == "NET-400G-PORTMO").to_numpy()
    units = L["units"].to_numpy(dtype=float)
    tau = L["tau"].to_numpy(dtype=float)
    level = L["level"].to_numpy(dtype=float)
    cust_code, cust_dict = pd.factorize(L["customer_id"])
    sku_code, sku_dict = pd.factorize(L["sku"])
    loc_code, loc_dict = pd.factorize(L["location_id"])
    dicts = [pa.array(np.asarray(d, dtype=object), type=pa.string()) for d in (cust_dict, sku_dict, loc_dict)]
    codes = [c.astype(np.int32) for c in (cust_code, sku_code, loc_code)]
    late_line = (L["contract_id"] == "CT-0004").to_numpy()
    late_lo = int((np.datetime64("2026-09-28") - epoch).astype(np.int64))
    late_hi = int((np.datetime64("2026-09-30") - epoch).astype(np.int64))
    late_recv = int((np.datetime64("2026-10-06") - epoch).astype(np.int64))
    day0 = int((MONTHS[0].to_datetime64().astype("datetime64[D]") - epoch).astype(np.int64))
    all_days = np.arange(day0, late_recv + 60)
    day_text = pa.array(np.datetime_as_string(all_days.astype("datetime64[D]"), unit="D").astype(object), type=pa.string())

    def dates(d):
        if typed:
            return pa.array(d.astype(np.int32), type=pa.date32())
        return pa.DictionaryArray.from_arrays(pa.array((d - day0).astype(np.int32)), day_text)

    next_id = 1
    for m in MONTHS:
        d_first = int((m.to_datetime64().astype("datetime64[D]") - epoch).astype(np.int64))
        dim = m.days_in_month
        days = np.arange(d_first, d_first + dim)
        active = (days[:, None] >= start[None, :]) & (days[:, None] <= last[None, :])
        di, li = np.nonzero(active)  # day-major: rows in usage_date order
        if len(li) == 0:
            continue
        day = days[di]
        del active, di
        ramp = 1 - np.exp(-((day - start[li]) + 1) / tau[li])
        util = np.clip(level[li] * ramp * rng.normal(1.0, 0.06, len(li)), 0, 1)
        q = np.where(is_gpu[li], units[li] * 24 * util,
                     np.where(is_port[li], units[li] / dim, units[li] * np.minimum(1, ramp * 1.2) / dim))
        del ramp, util
        q = np.round(q, 4)
        keep = q > 0
        li, day, q = li[keep], day[keep], q[keep]
        recv = day + 1
        late = late_line[li] & (day >= late_lo) & (day <= late_hi)
        recv[late] = late_recv
        n = len(li)
        uid = np.arange(next_id, next_id + n, dtype=np.int64)
        next_id += n
        q4 = np.rint(q * 1e4).astype(np.int64)
        cols = {"usage_id": pa.array(uid).cast(pa.string())}
        for name, code, dic in zip(("customer_id", "sku", "location_id"), codes, dicts):
            cols[name] = pa.DictionaryArray.from_arrays(pa.array(code[li]), dic)
        cols["usage_date"] = dates(day)
        cols["quantity"] = fixed_decimal(q4, 4) if typed else fixed_text(q4, 4, True)
        cols["received_date"] = dates(recv)
        table = pa.table(cols)
        # billing aggregate: rows billed in the month they are received for (recv - 1 day)
        bm = np.where(late, 1, 0)  # late rows belong to the next billing month
        nl = len(L)
        agg = []
        for k in np.unique(bm):
            sel = bm == k
            qs = np.bincount(li[sel], weights=q[sel], minlength=nl)
            cnt = np.bincount(li[sel], minlength=nl)
            lines = np.nonzero(cnt)[0]
            agg.append(pd.DataFrame({"line": lines, "bill_month": m + pd.DateOffset(months=int(k)),
                                     "usage_month": m, "quantity": qs[lines]}))
        yield m, table, pd.concat(agg, ignore_index=True)


def aggregate_billing(chunk: pd.DataFrame) -> pd.DataFrame:
    """Quantity per line and billing month (the invoice month the rows are received for)."""
    bm = (chunk["received_date"] - pd.Timedelta(days=1)).dt.to_period("M").dt.to_timestamp()
    return chunk.assign(bill_month=bm, usage_month=chunk["usage_date"].dt.to_period("M").dt.to_timestamp()) \
        .groupby(["line", "bill_month", "usage_month"], as_index=False)["quantity"].sum()


def finish(ctx: Ctx, c: pd.DataFrame, L: pd.DataFrame, billed: pd.DataFrame) -> None:
    """Rates, commitment calibration, invoices, customers."""
    rng = ctx.rng
    t = ctx.tables
    # --- rates: most contracts negotiated, some fall back to list less discount ----------
    has_rate = rng.random(len(c)) < 0.8
    has_rate[c["contract_id"].isin(["CT-0004", "CT-0008"]).to_numpy()] = False  # planted fallbacks
    rc = L[["contract_id", "sku"]].drop_duplicates()
    rc = rc[rc["contract_id"].isin(c.loc[has_rate | (c["contract_type"] == "reserved_capacity").to_numpy(), "contract_id"])]
    rc = rc.merge(c[["contract_id", "discount_pct", "contract_type"]], on="contract_id")
    extra = rng.choice([0.0, 0.02, 0.05, 0.08], len(rc))
    rc["unit_price"] = np.round(rc["sku"].map(LIST) * (1 - rc["discount_pct"] - extra), 4)
    rc.loc[(rc["contract_type"] == "reserved_capacity") & rc["sku"].str.startswith("GPU"), "unit_price"] = 0.0
    rates = rc[["contract_id", "sku", "unit_price"]].sort_values(["contract_id", "sku"]).reset_index(drop=True)
    t["crm/contract_rates"] = rates

    lines = L.reset_index().rename(columns={"index": "line"})[["line", "contract_id", "sku"]]
    lines = lines.merge(rates, on=["contract_id", "sku"], how="left") \
                 .merge(c[["contract_id", "discount_pct"]], on="contract_id")
    lines["price"] = lines["unit_price"].fillna(np.round(lines["sku"].map(LIST) * (1 - lines["discount_pct"]), 8))
    b = billed.merge(lines[["line", "contract_id", "sku", "price"]], on="line")
    b = b.groupby(["contract_id", "sku", "bill_month"], as_index=False).agg(quantity=("quantity", "sum"), price=("price", "first"),
                                                                         usage_month=("usage_month", "min"))
    b["quantity"] = np.round(b["quantity"], 4)
    b["amount"] = np.round(b["quantity"] * b["price"], 2)
    b = b[b["bill_month"] <= pd.Timestamp("2026-09-01")]  # Oct usage is invoiced in November
    ct = c.set_index("contract_id")

    # --- committed spend calibration + true-ups -----------------------------------------
    cs = c[c["contract_type"] == "committed_spend"]
    monthly_amt = b.groupby(["contract_id", "bill_month"])["amount"].sum()
    trueups = []
    commits = {}
    for r in cs.itertuples(index=False):  # one small loop per committed contract
        ma = monthly_amt.get(r.contract_id, pd.Series(dtype=float))
        ma = ma.reindex(pd.date_range(r.start_date, min(r.end_date, pd.Timestamp("2026-09-30")), freq="MS"), fill_value=0.0)
        if r.commit_period == "monthly":
            full = ma[ma > 0]
            factor = 1.05 if r.contract_id == "CT-0002" else 0.8
            commit = round(float(full.median() if len(full) else 10000) * factor, -3) or 1000.0
            periods = [(mm, mm + pd.offsets.MonthEnd(0)) for mm in ma.index]
        elif r.commit_period == "annual":
            yr1 = ma.iloc[:12].sum() if len(ma) >= 12 else ma.sum() * 12 / max(1, len(ma))
            factor = 1.25 if r.contract_id == "CT-0001" else 0.85
            commit = round(float(yr1) * factor, -3) or 1000.0
            periods = [(r.start_date + pd.DateOffset(months=12 * i), r.start_date + pd.DateOffset(months=12 * (i + 1)) - pd.Timedelta(days=1))
                       for i in range(4)]
        else:
            months_total = (r.end_date.year - r.start_date.year) * 12 + r.end_date.month - r.start_date.month + 1
            est = ma.mean() * months_total if len(ma) else 10000
            factor = 1.15 if r.contract_id == "CT-0003" else 0.85
            commit = round(float(est) * factor, -3) or 1000.0
            periods = [(r.start_date, r.end_date)]
        commits[r.contract_id] = commit
        for ps, pe in periods:
            if pe > pd.Timestamp("2026-09-30") or pe > r.end_date:
                continue
            used = ma[(ma.index >= ps) & (ma.index <= pe)].sum()
            short = round(commit - used, 2)
            if short > 0:
                trueups.append((r.contract_id, pe.to_period("M").to_timestamp(), short, ps, pe))
    c["committed_amount"] = c["contract_id"].map(commits).astype(float)
    tu = pd.DataFrame(trueups, columns=["contract_id", "bill_month", "amount", "sp_start", "sp_end"])

    # --- prepaid credits: consumption against credits, overage billed, expiry --------------
    pp = c[c["contract_type"] == "prepaid_credits"]
    c["prepaid_credit_amount"] = np.nan
    c["promotional_credit_amount"] = np.nan
    c["credit_expiry_date"] = pd.NaT
    pp_keep = pd.Series(True, index=b.index)
    prepaid_vals = []
    over_rows = []
    b_by = {k: g for k, g in b[b["contract_id"].isin(pp["contract_id"])].groupby("contract_id")}
    empty = b.iloc[0:0]
    for r in pp.itertuples(index=False):
        bb = b_by.get(r.contract_id, empty).sort_values("bill_month")
        total = bb["amount"].sum()
        if r.contract_id == "CT-0009":
            credits, promo = round(total / 0.70, -3), 0.0          # ~30% expires unused
        elif r.contract_id == "CT-0010":
            credits, promo = round(total / 0.55, -3), 25000.0         # expires 2027-01-31, balance left at close
        else:
            credits, promo = round(max(total, 5000) * rng.uniform(0.8, 1.25), -3), 0.0
        prepaid_vals.append((r.contract_id, credits, promo or np.nan))
        pp_keep[bb.index] = False
        cum = bb.groupby("bill_month")["amount"].sum().cumsum()
        over = np.maximum(0, cum - credits - promo)
        inc = over.diff().fillna(over.iloc[0] if len(over) else 0)
        for bm, amt in inc[inc > 0].items():
            price = float(bb["price"].iloc[0])
            qty = round(amt / price, 4) if price else 0.0
            over_rows.append((r.contract_id, bb["sku"].iloc[0], bm, qty, price, round(qty * price, 2), bm))
    if prepaid_vals:
        pv = pd.DataFrame(prepaid_vals, columns=["contract_id", "credits", "promo"]).set_index("contract_id")
        m = c["contract_id"].isin(pv.index)
        c.loc[m, "prepaid_credit_amount"] = c.loc[m, "contract_id"].map(pv["credits"]).to_numpy()
        c.loc[m, "promotional_credit_amount"] = c.loc[m, "contract_id"].map(pv["promo"]).to_numpy()
        c.loc[m, "credit_expiry_date"] = c.loc[m, "end_date"].to_numpy()
    b = b[pp_keep]
    if over_rows:
        b = pd.concat([b, pd.DataFrame(over_rows, columns=["contract_id", "sku", "bill_month", "quantity", "price", "amount", "usage_month"])],
                      ignore_index=True)

    # --- reserved fees ----------------------------------------------------------------------
    rs = c[c["contract_type"] == "reserved_capacity"]
    fee = {"CT-0011": 240000.0, "CT-0012": 85000.0}
    c["reserved_fee"] = np.nan
    c.loc[rs.index, "reserved_fee"] = [fee.get(x, round(g * 1300.0, -2)) for x, g in zip(rs["contract_id"], rs["gpus"])]
    rf = []
    for r in c.loc[rs.index].itertuples(index=False):
        for mm in pd.date_range(r.start_date, min(r.end_date, pd.Timestamp("2026-09-30")), freq="MS"):
            rf.append((r.contract_id, mm, r.reserved_fee))
    rf = pd.DataFrame(rf, columns=["contract_id", "bill_month", "amount"])

    # --- commission ----------------------------------------------------------------------------
    ctp = c["contract_type"]
    months = ((c["end_date"].dt.year - c["start_date"].dt.year) * 12 + c["end_date"].dt.month - c["start_date"].dt.month + 1).fillna(12)
    comm = np.where(ctp == "committed_spend",
                    0.03 * c["committed_amount"] * np.where(c["commit_period"] == "monthly", months,
                                                            np.where(c["commit_period"] == "annual", months / 12, 1)),
           np.where(ctp == "prepaid_credits", 0.04 * c["prepaid_credit_amount"],
           np.where(ctp == "reserved_capacity", 0.05 * c["reserved_fee"] * months, 0.0)))
    c["commission_amount"] = np.round(np.asarray(comm, dtype=float), 2)
    c.loc[c["commission_amount"] == 0, "commission_amount"] = np.nan
    t["crm/contracts"] = c

    # --- invoice lines ---------------------------------------------------------------------------
    il = []
    u = b.assign(line_type="usage", sp_start=b["usage_month"], sp_end=b["bill_month"] + pd.offsets.MonthEnd(0),
                 unit_price=b["price"])
    il.append(u[["contract_id", "bill_month", "line_type", "sku", "quantity", "unit_price", "amount", "sp_start", "sp_end"]])
    if len(rf):
        il.append(rf.assign(line_type="reserved_fee", sku=None, quantity=1.0, unit_price=rf["amount"],
                            sp_start=rf["bill_month"], sp_end=rf["bill_month"] + pd.offsets.MonthEnd(0)))
    if len(tu):
        il.append(tu.assign(line_type="commitment_true_up", sku=None, quantity=1.0, unit_price=tu["amount"]))
    pc = c[c["contract_type"] == "prepaid_credits"]
    il.append(pd.DataFrame({"contract_id": pc["contract_id"], "bill_month": pc["start_date"], "line_type": "prepaid_credits",
                            "sku": None, "quantity": 1.0, "unit_price": pc["prepaid_credit_amount"],
                            "amount": pc["prepaid_credit_amount"], "sp_start": pc["start_date"], "sp_end": pc["end_date"]}))
    il = pd.concat(il, ignore_index=True)
    il = il[il["amount"] != 0]
    il = il[il["bill_month"] <= CLOSE_END]
    # invoice date: first day after the billing month; prepaid purchases invoiced on start date
    il["invoice_date"] = np.where(il["line_type"] == "prepaid_credits", il["bill_month"],
                                  il["bill_month"] + pd.offsets.MonthBegin(1))
    il["invoice_date"] = pd.to_datetime(il["invoice_date"])
    il["kind"] = np.where(il["line_type"] == "prepaid_credits", 0, 1)
    il["o"] = il["line_type"].map({"prepaid_credits": 0, "reserved_fee": 1, "usage": 2, "commitment_true_up": 3})
    il = il.sort_values(["invoice_date", "contract_id", "kind", "o", "sku"], kind="stable").reset_index(drop=True)
    key = il["contract_id"] + "|" + il["invoice_date"].dt.strftime("%Y%m%d") + "|" + il["kind"].astype(str)
    codes, uniq = pd.factorize(key)
    il["invoice_id"] = ids("INV-", len(uniq), 6)[codes]
    il["line_number"] = il.groupby("invoice_id").cumcount() + 1
    il["invoice_line_id"] = il["invoice_id"] + "-" + il["line_number"].astype(str).str.zfill(2)
    il = il.rename(columns={"sp_start": "service_period_start_date", "sp_end": "service_period_end_date"})

    # --- customers -------------------------------------------------------------------------------
    cu = c.drop_duplicates("customer_id")[["customer_id", "subsidiary_id", "currency_code"]].reset_index(drop=True)
    k = len(cu)
    combo = np.arange(k)
    cu["customer_name"] = [f"{ADJ[i % 20]} {NOUN[(i // 20) % 10]}" + (f" {i // 200 + 1}" if i >= 200 else "") + " " + SUFFIX[s]
                           for i, s in zip(combo, cu["subsidiary_id"])] if k < 5000 else \
        "Customer " + cu["customer_id"] + " " + cu["subsidiary_id"].map(SUFFIX)
    cu["country_code"] = cu["subsidiary_id"].map({"US01": "US", "UK01": "GB", "IE01": "IE"})
    cu.loc[cu["customer_id"] == "CUS-0007", "country_code"] = "US"
    cu["payment_terms_days"] = rng.choice([30, 45, 60], k, p=[0.6, 0.25, 0.15]).astype(np.int64)
    cu["segment"] = rng.choice(["enterprise", "startup", "research"], k, p=[0.4, 0.45, 0.15])
    t["erp/customers"] = cu

    inv = il.groupby("invoice_id", sort=False).agg(contract_id=("contract_id", "first"), invoice_date=("invoice_date", "first"),
                                                   service_period_start_date=("service_period_start_date", "min"),
                                                   service_period_end_date=("service_period_end_date", "max"),
                                                   total_amount=("amount", "sum")).reset_index()
    inv["total_amount"] = np.round(inv["total_amount"], 2)
    inv = inv.merge(c[["contract_id", "customer_id", "subsidiary_id", "currency_code"]], on="contract_id")
    inv = inv.merge(cu[["customer_id", "payment_terms_days"]], on="customer_id")
    inv["due_date"] = inv["invoice_date"] + pd.to_timedelta(inv["payment_terms_days"], unit="D")
    t["erp/invoices"] = inv.sort_values("invoice_id").reset_index(drop=True)
    t["erp/invoice_lines"] = il.merge(c[["contract_id", "contract_type"]], on="contract_id")
    t["metering/skus"] = SKUS
