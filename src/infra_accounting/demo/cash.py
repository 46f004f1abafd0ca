"""Customer payments and applications, AP/lease/payroll cash, bank accounts' transactions."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .common import CLOSE_END, SUB_BANK, SUB_CCY, Ctx, cents_allocate, ids
from .company import rate


def _payments(ctx: Ctx):
    rng = ctx.rng
    t = ctx.tables
    inv = t["erp/invoices"].copy()
    cu = t["erp/customers"].set_index("customer_id")
    n = len(inv)
    delay = np.clip(inv["payment_terms_days"].to_numpy() + np.round(rng.normal(3, 8, n)),
                    inv["payment_terms_days"].to_numpy() - 10, inv["payment_terms_days"].to_numpy() + 25)
    inv["pay_date"] = inv["invoice_date"] + pd.to_timedelta(delay, unit="D")
    partial = rng.random(n) < 0.06
    inv["pay_amount"] = np.where(partial, np.round(inv["total_amount"] * rng.uniform(0.5, 0.8, n), 2), inv["total_amount"])
    inv["pay_key"] = inv["invoice_id"]
    # planted: CUS-0005 pays its Jun/Jul/Aug 2026 invoices with one payment on 2026-09-14
    multi = (inv["customer_id"] == "CUS-0005") & inv["invoice_date"].isin(pd.to_datetime(["2026-06-01", "2026-07-01", "2026-08-01"]))
    inv.loc[multi, "pay_date"] = pd.Timestamp("2026-09-14")
    inv.loc[multi, "pay_amount"] = inv.loc[multi, "total_amount"]
    inv.loc[multi, "pay_key"] = "MULTI-CUS-0005"
    # planted partial payment on CT-0004's July 2026 invoice
    pp = (inv["contract_id"] == "CT-0004") & (inv["invoice_date"] == pd.Timestamp("2026-08-01"))
    inv.loc[pp, "pay_amount"] = np.round(inv.loc[pp, "total_amount"] * 0.6, 2)
    # partially paid invoices: the remainder follows ~30 days later (except the planted CT-0004 one)
    rest = inv[partial & ~multi & ~pp].copy()
    rest["pay_date"] = rest["pay_date"] + pd.to_timedelta(rng.integers(20, 40, len(rest)), unit="D")
    rest["pay_amount"] = np.round(rest["total_amount"] - rest["pay_amount"], 2)
    rest["pay_key"] = rest["invoice_id"] + "-REST"
    inv = pd.concat([inv, rest], ignore_index=True)
    if ctx.scale.remittances > 1 or ctx.scale.batch_pct > 0:
        inv = _remittance_noise(ctx, inv)
    paid = inv[inv["pay_date"] <= CLOSE_END]
    ap = paid[["invoice_id", "pay_key", "pay_amount", "pay_date", "customer_id", "subsidiary_id", "currency_code"]]
    pay = ap.groupby("pay_key", sort=False).agg(customer_id=("customer_id", "first"), subsidiary_id=("subsidiary_id", "first"),
                                                currency_code=("currency_code", "first"), payment_date=("pay_date", "first"),
                                                amount=("pay_amount", "sum"), reference=("invoice_id", "first")).reset_index()
    n_inv = ap.groupby("pay_key", sort=False)["invoice_id"].transform("size")
    several = ap[n_inv > 1].groupby("pay_key", sort=False)["invoice_id"].agg(", ".join)
    pay["reference"] = pay["pay_key"].map(several).fillna(pay["reference"])
    unap = pd.DataFrame([{"pay_key": "UNAPPLIED-CUS-0008", "customer_id": "CUS-0008", "subsidiary_id": "US01",
                          "currency_code": "USD", "payment_date": pd.Timestamp("2026-10-27"), "amount": 15000.00,
                          "reference": "Deposit per PO 88213"}])
    if ctx.scale.deposits:
        unap = pd.concat([unap, _deposits(ctx)], ignore_index=True)
    pay = pd.concat([pay, unap], ignore_index=True)
    pay["amount"] = np.round(pay["amount"], 2)
    pay["bank_account_id"] = np.where(pay["currency_code"] != pay["subsidiary_id"].map(SUB_CCY), "BA-UK01-USD",
                                      pay["subsidiary_id"].map(SUB_BANK))
    pay = pay.sort_values(["payment_date", "customer_id", "pay_key"], kind="stable").reset_index(drop=True)
    pay["payment_id"] = ids("PMT-", len(pay), 6)
    apps = ap.merge(pay[["pay_key", "payment_id", "payment_date"]], on="pay_key")
    apps = apps.sort_values(["payment_id", "invoice_id"]).reset_index(drop=True)
    apps["application_id"] = ids("APP-", len(apps), 6)
    apps = apps.rename(columns={"pay_amount": "applied_amount", "payment_date": "application_date"})
    apps = apps[["application_id", "payment_id", "invoice_id", "applied_amount", "application_date"]]
    t["erp/payments"] = pay
    t["erp/payment_applications"] = apps
    return pay, apps


PLANTED_CUSTOMERS = [f"CUS-{i:04d}" for i in range(1, 13)]


def _remittance_noise(ctx: Ctx, inv: pd.DataFrame) -> pd.DataFrame:
    """M/L: generic customers remit an invoice in several payments (one per purchase order /
    cost centre, a few days apart, amounts summing exactly to what is paid), and some pay
    several invoices of a month with one payment. Planted customers are left as in S."""
    rng = ctx.rng
    sc = ctx.scale
    generic = ~inv["customer_id"].isin(PLANTED_CUSTOMERS).to_numpy()
    n = len(inv)
    # one payment for several invoices: a batching customer's invoices of a quarter are paid
    # together on the latest of their dates
    batcher = inv["customer_id"].isin(inv["customer_id"].drop_duplicates().sample(
        frac=sc.batch_pct, random_state=int(rng.integers(1 << 31)))).to_numpy()
    batch = generic & batcher & (inv["pay_key"] == inv["invoice_id"]).to_numpy()
    bkey = "BATCH-" + inv["customer_id"] + "-" + inv["pay_date"].dt.to_period("Q").astype(str)
    inv["pay_key"] = inv["pay_key"].where(~batch, bkey)
    latest = inv[batch].groupby("pay_key")["pay_date"].transform("max")
    inv.loc[latest.index, "pay_date"] = latest
    # several remittances for one invoice
    k = np.where(generic & ~batch, 1 + rng.poisson(sc.remittances - 1, n), 1)
    cents = np.rint(inv["pay_amount"].to_numpy() * 100).astype(np.int64)
    k = np.clip(k, 1, np.maximum(1, np.minimum(31, np.abs(cents))))
    rep = np.repeat(np.arange(n), k)
    part = np.arange(len(rep)) - np.repeat(np.cumsum(k) - k, k)
    x = inv.iloc[rep].reset_index(drop=True)
    split = cents_allocate(cents[rep], rng.uniform(0.3, 1.7, len(rep)), rep)
    x["pay_amount"] = split / 100.0
    x["pay_date"] = x["pay_date"] + pd.to_timedelta(part * 3 + np.where(part > 0, rng.integers(0, 3, len(rep)), 0), unit="D")
    x["pay_key"] = np.where(part == 0, x["pay_key"], x["pay_key"] + "-R" + part.astype(str))
    return x[x["pay_amount"] != 0].reset_index(drop=True)


def _deposits(ctx: Ctx) -> pd.DataFrame:
    """M/L: customer deposits received without remittance advice (unapplied cash)."""
    rng = ctx.rng
    cu = ctx.tables["erp/customers"]
    cu = cu[~cu["customer_id"].isin(PLANTED_CUSTOMERS)]
    k = ctx.scale.deposits
    pick = cu.iloc[rng.integers(0, len(cu), k)].reset_index(drop=True)
    po = rng.integers(10000, 99999, k).astype(str)
    return pd.DataFrame({"pay_key": "UNAPPLIED-" + pick["customer_id"] + "-" + pd.Series(np.arange(k)).astype(str),
                         "customer_id": pick["customer_id"], "subsidiary_id": pick["subsidiary_id"],
                         "currency_code": pick["currency_code"],
                         "payment_date": pd.Timestamp("2025-03-01") + pd.to_timedelta(rng.integers(0, 600, k), unit="D"),
                         "amount": np.round(rng.uniform(1000, 250000, k), 2),
                         "reference": "Deposit per PO " + pd.Series(po)})


def _messy(ref: pd.Series, rng) -> pd.Series:
    r = ref.copy()
    u = rng.random(len(r))
    r = r.where(~(u < 0.04), r.str.replace("INV-", "INV", regex=False).str.lower())
    r = r.where(~((u >= 0.04) & (u < 0.07)), "PAYMENT " + r.str.replace("-", " ", regex=False))
    r = r.where(~((u >= 0.07) & (u < 0.09)), r.str.slice(0, 8))
    r = r.where(~((u >= 0.09) & (u < 0.10)), "REMITTANCE ADVICE TO FOLLOW")
    return r


def build(ctx: Ctx) -> None:
    rng = ctx.rng
    t = ctx.tables
    pay, apps = _payments(ctx)
    cu = t["erp/customers"].set_index("customer_id")["customer_name"]
    ev = []
    # customer receipts
    ev.append(pd.DataFrame({"kind": "receipt", "subsidiary_id": pay["subsidiary_id"], "bank_account_id": pay["bank_account_id"],
                            "date": pay["payment_date"], "txn_amount": pay["amount"], "txn_ccy": pay["currency_code"],
                            "counterparty": pay["customer_id"].map(cu), "reference": _messy(pay["reference"], rng),
                            "doc_id": pay["payment_id"], "gl_account": "1200"}))
    if ctx.scale.wire_fee_pct > 0:  # M/L: incoming wire fees charged as their own bank line
        wf = pay[rng.random(len(pay)) < ctx.scale.wire_fee_pct]
        ev.append(pd.DataFrame({"kind": "bank_fee", "subsidiary_id": wf["subsidiary_id"], "bank_account_id": wf["bank_account_id"],
                                "date": wf["payment_date"], "txn_amount": -np.round(rng.choice([10.0, 15.0, 25.0], len(wf)), 2),
                                "txn_ccy": wf["currency_code"], "counterparty": "Bank service charges",
                                "reference": "Incoming wire fee " + wf["payment_id"], "doc_id": "WIREFEE-" + wf["payment_id"],
                                "gl_account": "6300"}))
    # funding
    fund = pd.DataFrame([
        ("funding", "US01", "BA-US01-OPS", "2025-01-02", 750000000.00, "USD", "Helios Holdings investors", "Series C closing - share subscription", "FUND-US01", "3100"),
        ("ic_out", "US01", "BA-US01-OPS", "2025-01-03", None, "USD", "Helios Compute UK Ltd", "Intercompany loan ICL-UK01", "ICL-UK01", "1900"),
        ("ic_in", "UK01", "BA-UK01-GBP", "2025-01-03", 75000000.00, "GBP", "Helios Compute Inc.", "Intercompany loan ICL-UK01", "ICL-UK01", "2900"),
        ("ic_out", "US01", "BA-US01-OPS", "2025-01-03", None, "USD", "Helios Compute Ireland DAC", "Intercompany loan ICL-IE01", "ICL-IE01", "1900"),
        ("ic_in", "IE01", "BA-IE01-EUR", "2025-01-03", 95000000.00, "EUR", "Helios Compute Inc.", "Intercompany loan ICL-IE01", "ICL-IE01", "2900"),
    ], columns=["kind", "subsidiary_id", "bank_account_id", "date", "txn_amount", "txn_ccy", "counterparty", "reference", "doc_id", "gl_account"])
    fund["date"] = pd.to_datetime(fund["date"])
    gbp = rate(ctx, "GBP", "USD", [pd.Timestamp("2025-01-03")])[0]
    eur = rate(ctx, "EUR", "USD", [pd.Timestamp("2025-01-03")])[0]
    fund.loc[1, "txn_amount"] = -round(75000000.00 * gbp, 2)
    fund.loc[3, "txn_amount"] = -round(95000000.00 * eur, 2)
    ev.append(fund)
    # AP payments of bills (capex + direct asset purchases), 30 days after the bill
    bills = t["_ap_bills"].groupby("bill_id", as_index=False).agg(
        subsidiary_id=("subsidiary_id", "first"), vendor_name=("vendor_name", "first"), bill_date=("bill_date", "first"),
        currency_code=("currency_code", "first"), amount=("amount", "sum"))
    bills["date"] = bills["bill_date"] + pd.Timedelta(days=30)
    bills = bills[bills["date"] <= CLOSE_END]
    ev.append(pd.DataFrame({"kind": "ap_payment", "subsidiary_id": bills["subsidiary_id"],
                            "bank_account_id": bills["subsidiary_id"].map(SUB_BANK), "date": bills["date"],
                            "txn_amount": -bills["amount"], "txn_ccy": bills["currency_code"],
                            "counterparty": bills["vendor_name"], "reference": "ACH " + bills["bill_id"],
                            "doc_id": bills["bill_id"], "gl_account": "2000"}))
    # lease payments (paid through AP)
    lc = t["_lease_cash"]
    ev.append(pd.DataFrame({"kind": "lease_payment", "subsidiary_id": lc["subsidiary_id"],
                            "bank_account_id": lc["subsidiary_id"].map(SUB_BANK), "date": lc["payment_date"],
                            "txn_amount": -lc["amount"], "txn_ccy": lc["currency_code"], "counterparty": lc["lessor_name"],
                            "reference": lc["lease_id"] + " " + lc["payment_type"] + " " + lc["payment_date"].dt.strftime("%Y-%m"),
                            "doc_id": lc["lease_id"], "gl_account": "2000"}))
    # payroll, G&A, power, bank fees: monthly per entity
    months = pd.date_range("2025-01-01", "2026-10-01", freq="MS")
    rows = []
    base = {"US01": (1150000, 450000, 900000, "Gusto Payroll", "Dominion Energy / APS / Oncor"),
            "UK01": (210000, 60000, 260000, "ADP UK Payroll", "EDF Energy Business"),
            "IE01": (180000, 50000, 300000, "ADP Ireland Payroll", "Electric Ireland Business")}
    for sub, (pr, ga, pw, prv, pwv) in base.items():
        k = len(months)
        growth = 1.02 ** np.arange(k)
        pe = months + pd.offsets.BMonthEnd(0)
        rows.append(pd.DataFrame({"kind": "payroll", "subsidiary_id": sub, "date": pe,
                                  "txn_amount": -np.round(pr * growth * rng.uniform(0.97, 1.03, k), 2),
                                  "counterparty": prv, "reference": "Payroll " + months.strftime("%Y-%m"), "gl_account": "6000"}))
        rows.append(pd.DataFrame({"kind": "opex", "subsidiary_id": sub, "date": months + pd.Timedelta(days=14),
                                  "txn_amount": -np.round(ga * growth * rng.uniform(0.9, 1.1, k), 2),
                                  "counterparty": "Amex Corporate Card", "reference": "Card settlement " + months.strftime("%Y-%m"),
                                  "gl_account": "6200"}))
        rows.append(pd.DataFrame({"kind": "power", "subsidiary_id": sub, "date": months + pd.Timedelta(days=19),
                                  "txn_amount": -np.round(pw * growth * rng.uniform(0.9, 1.1, k), 2),
                                  "counterparty": pwv, "reference": "Electricity " + months.strftime("%Y-%m"), "gl_account": "5200"}))
    for ba, sub in (("BA-US01-OPS", "US01"), ("BA-UK01-GBP", "UK01"), ("BA-UK01-USD", "UK01"), ("BA-IE01-EUR", "IE01")):
        k = len(months)
        rows.append(pd.DataFrame({"kind": "bank_fee", "subsidiary_id": sub, "bank_account_id": ba,
                                  "date": months + pd.offsets.MonthEnd(0),
                                  "txn_amount": -np.round(rng.uniform(35, 420, k), 2), "counterparty": "Bank service charges",
                                  "reference": "Account analysis fee " + months.strftime("%Y-%m"), "gl_account": "6300"}))
    rows.append(pd.DataFrame([{"kind": "bank_fee", "subsidiary_id": "US01", "bank_account_id": "BA-US01-OPS",
                               "date": pd.Timestamp("2026-10-30"), "txn_amount": -1250.00, "counterparty": "Bank service charges",
                               "reference": "Wire and FX service charges 2026-10", "gl_account": "6300", "doc_id": "PLANTED-FEE"}]))
    # commissions paid with the payroll after signing (functional currency)
    c = t["crm/contracts"]
    cc = c[c["commission_amount"].notna()]
    cdate = (cc["signed_date"] + pd.offsets.MonthEnd(1)).clip(lower=pd.Timestamp("2025-01-31"))
    cc = cc[cdate <= CLOSE_END]
    cdate = cdate[cdate <= CLOSE_END]
    fr = rate(ctx, cc["currency_code"].to_numpy(), cc["subsidiary_id"].map(SUB_CCY).to_numpy(), cdate)
    rows.append(pd.DataFrame({"kind": "commission", "subsidiary_id": cc["subsidiary_id"], "date": cdate,
                              "txn_amount": -np.round(cc["commission_amount"] * fr, 2), "counterparty": "Payroll - sales commissions",
                              "reference": "Commission " + cc["contract_id"] + " " + cc["sales_rep"], "gl_account": "6010",
                              "doc_id": cc["contract_id"]}))
    ops = pd.concat(rows, ignore_index=True)
    ops["bank_account_id"] = ops["bank_account_id"].fillna(ops["subsidiary_id"].map(SUB_BANK))
    ops["txn_ccy"] = t["bank/bank_accounts"].set_index("bank_account_id")["currency_code"].reindex(ops["bank_account_id"]).to_numpy()
    ops["doc_id"] = ops["doc_id"].fillna(ops["kind"] + "-" + ops["subsidiary_id"] + "-" + ops["date"].dt.strftime("%Y%m%d"))
    ev.append(ops)
    ev = pd.concat(ev, ignore_index=True)
    ev = ev[ev["date"] <= CLOSE_END]
    # bank amount in the bank account's currency (USD bills paid from the EUR account convert)
    bccy = t["bank/bank_accounts"].set_index("bank_account_id")["currency_code"]
    ev["bank_ccy"] = bccy.reindex(ev["bank_account_id"]).to_numpy()
    fx = rate(ctx, ev["txn_ccy"].to_numpy(), ev["bank_ccy"].to_numpy(), ev["date"])
    ev["bank_amount"] = np.round(ev["txn_amount"].astype(float) * fx, 2)
    kind_o = {"funding": 0, "ic_out": 1, "ic_in": 1, "receipt": 2, "ap_payment": 3, "lease_payment": 4,
              "payroll": 5, "commission": 6, "opex": 7, "power": 8, "bank_fee": 9}
    ev["o"] = ev["kind"].map(kind_o)
    ev = ev.sort_values(["bank_account_id", "date", "o", "doc_id", "reference"], kind="stable").reset_index(drop=True)
    ev["transaction_id"] = ids("BT-", len(ev), 7)
    t["_cash_events"] = ev
    bt = ev.rename(columns={"date": "posted_date"})[["bank_account_id", "transaction_id", "posted_date", "bank_amount",
                                                     "bank_ccy", "counterparty", "reference"]]
    t["bank/bank_transactions"] = bt.rename(columns={"bank_amount": "amount", "bank_ccy": "currency_code"})
