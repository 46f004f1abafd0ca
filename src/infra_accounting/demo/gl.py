"""AP bills and the posted GL of operational flows (one balanced journal per document)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .common import CLOSE_END, SUB_CCY, Ctx, ids
from .company import rate

# planted GL reconciling items (documented in docs/demo_company.md)
PLANTED_EXPENSED_CAPEX_PROJECT = "CP-010"   # its installation bill is posted to 6200 instead of CIP
DUPLICATE_INVOICE_CONTRACT, DUPLICATE_INVOICE_DATE = "CT-0002", "2026-09-01"
WRONG_ENTITY_CONTRACT, WRONG_ENTITY_INVOICE_DATE = "CT-0006", "2026-07-01"

VENDOR_DIRECT = {"COMPUTER": "Bayside Computer Supply", "FURNITURE": "Steelform Office Interiors",
                 "LHI": "Keystone Fit-Out Contractors", "LAND": "Sonoran Land Title & Escrow",
                 "BUILDING": "Sonoran Land Title & Escrow", "NETWORK": "Meridian Networks LLC",
                 "STORAGE": "Tessaract Storage Corp.", "GPU_SERVER": "Northgate Systems Inc."}


def ap_bills(ctx: Ctx) -> None:
    t = ctx.tables
    cx = t["erp/capex_lines"]
    a = pd.DataFrame({"bill_id": cx["bill_id"], "line_id": cx["line_id"], "subsidiary_id": cx["subsidiary_id"],
                      "vendor_name": cx["vendor_name"], "bill_date": cx["bill_date"], "currency_code": cx["currency_code"],
                      "amount": cx["amount"], "account": "1690", "memo": cx["description"]})
    fa = t["_fa_internal"]
    d = fa[fa["source"] == "direct"].merge(t["policy/asset_classes"][["asset_class_code", "cost_account", "capitalization_threshold"]],
                                          on="asset_class_code")
    d["account"] = np.where(d["cost"] < d["capitalization_threshold"], "6400", d["cost_account"])
    g = d.groupby(["subsidiary_id", "asset_class_code", "acquisition_date", "account"], as_index=False).agg(
        amount=("cost", "sum"), currency_code=("currency_code", "first"), n=("asset_id", "size"))
    g = g.sort_values(["acquisition_date", "subsidiary_id", "asset_class_code", "account"]).reset_index(drop=True)
    bkey = g["subsidiary_id"] + "|" + g["asset_class_code"] + "|" + g["acquisition_date"].dt.strftime("%Y%m%d")
    codes, uniq = pd.factorize(bkey)
    g["bill_id"] = ids("DBILL-", len(uniq), 6)[codes]
    b = pd.DataFrame({"bill_id": g["bill_id"], "line_id": g["bill_id"] + "-" + g["account"], "subsidiary_id": g["subsidiary_id"],
                      "vendor_name": g["asset_class_code"].map(VENDOR_DIRECT), "bill_date": g["acquisition_date"],
                      "currency_code": g["currency_code"], "amount": np.round(g["amount"], 2), "account": g["account"],
                      "memo": g["asset_class_code"] + " purchase (" + g["n"].astype(str) + " items)"})
    t["_ap_bills"] = pd.concat([a, b], ignore_index=True)


def _lines(jkey, sub, date, account, dr, cr, memo, source):
    return pd.DataFrame({"jkey": jkey, "subsidiary_id": sub, "posting_date": date, "account_number": account,
                         "debit": dr, "credit": cr, "memo": memo, "source": source})


def _balance_plug(df: pd.DataFrame, account: str, memo: str) -> pd.DataFrame:
    """Add a plug line (FX gain/loss) per journal so debits equal credits."""
    df = df.reset_index(drop=True)
    code, uniq = pd.factorize(df["jkey"])
    first = np.unique(code, return_index=True)[1]
    s = pd.DataFrame({"d": np.bincount(code, weights=df["debit"].to_numpy(dtype=float)),
                      "c": np.bincount(code, weights=df["credit"].to_numpy(dtype=float)),
                      "sub": df["subsidiary_id"].to_numpy()[first], "date": df["posting_date"].to_numpy()[first],
                      "source": df["source"].to_numpy()[first]}, index=pd.Index(np.asarray(uniq, dtype=object), name="jkey"))
    diff = np.round(s["d"] - s["c"], 2)
    s = s[diff != 0]
    diff = diff[diff != 0]
    plug = _lines(s.index, s["sub"], s["date"], account, np.where(diff < 0, -diff, 0.0), np.where(diff > 0, diff, 0.0),
                  memo, s["source"])
    return pd.concat([df, plug], ignore_index=True)


def build(ctx: Ctx) -> None:
    t = ctx.tables
    parts = []
    # ---- AP bills: Dr CIP / fixed asset / expense, Cr AP ---------------------------------------
    ab = t["_ap_bills"].copy()
    ab["fccy"] = ab["subsidiary_id"].map(SUB_CCY)
    ab["r"] = rate(ctx, ab["currency_code"].to_numpy(), ab["fccy"].to_numpy(), ab["bill_date"])
    ab["f"] = np.round(ab["amount"] * ab["r"], 2)
    cx = t["erp/capex_lines"]
    wrong = cx[(cx["project_id"] == PLANTED_EXPENSED_CAPEX_PROJECT) & (cx["category"] == "installation")]["line_id"]
    t["_planted_expensed_capex"] = list(wrong)
    ab.loc[ab["line_id"].isin(wrong), "account"] = "6200"
    jk = "AP|" + ab["bill_id"]
    parts.append(_lines(jk, ab["subsidiary_id"], ab["bill_date"], ab["account"], ab["f"], 0.0,
                        ab["vendor_name"] + " " + ab["bill_id"] + ": " + ab["memo"], "ap"))
    hdr = ab.groupby("bill_id", as_index=False).agg(sub=("subsidiary_id", "first"), date=("bill_date", "first"),
                                                    f=("f", "sum"), v=("vendor_name", "first"))
    parts.append(_lines("AP|" + hdr["bill_id"], hdr["sub"], hdr["date"], "2000", 0.0, np.round(hdr["f"], 2),
                        hdr["v"] + " " + hdr["bill_id"], "ap"))
    bill_f = hdr.set_index("bill_id")["f"]

    # ---- customer invoices: Dr AR, Cr revenue / prepaid credits liability --------------------
    il = t["erp/invoice_lines"].drop(columns=["invoice_date"]).merge(t["erp/invoices"][["invoice_id", "subsidiary_id", "currency_code", "invoice_date"]], on="invoice_id")
    il["acct"] = np.select([il["line_type"] == "prepaid_credits", il["line_type"] == "commitment_true_up",
                            il["line_type"] == "reserved_fee",
                            (il["line_type"] == "usage") & (il["contract_type"] == "committed_spend"),
                            (il["line_type"] == "usage") & (il["contract_type"] == "reserved_capacity")],
                           ["2210", "4030", "4020", "4010", "4020"], "4000")
    il["r"] = rate(ctx, il["currency_code"].to_numpy(), il["subsidiary_id"].map(SUB_CCY).to_numpy(), il["invoice_date"])
    il["f"] = np.round(il["amount"] * il["r"], 2)
    inv_gl = pd.concat([
        _lines("AR|" + il["invoice_id"], il["subsidiary_id"], il["invoice_date"], il["acct"], 0.0, il["f"],
               "Invoice " + il["invoice_id"] + " " + il["line_type"], "ar")])
    ih = il.groupby("invoice_id", as_index=False).agg(sub=("subsidiary_id", "first"), date=("invoice_date", "first"),
                                                      f=("f", "sum"), r=("r", "first"))
    inv_gl = pd.concat([_lines("AR|" + ih["invoice_id"], ih["sub"], ih["date"], "1200", np.round(ih["f"], 2), 0.0,
                               "Invoice " + ih["invoice_id"], "ar"), inv_gl], ignore_index=True)
    inv = t["erp/invoices"]
    dup = inv[(inv["contract_id"] == DUPLICATE_INVOICE_CONTRACT) & (inv["invoice_date"] == pd.Timestamp(DUPLICATE_INVOICE_DATE))]
    dup_ids = list(dup["invoice_id"])
    t["_planted_duplicate_invoice"] = dup_ids
    dup_lines = inv_gl[inv_gl["jkey"].isin("AR|" + dup["invoice_id"])].copy()
    dup_lines["jkey"] = dup_lines["jkey"] + "|DUP"
    dup_lines["posting_date"] = dup_lines["posting_date"] + pd.Timedelta(days=2)
    parts += [inv_gl, dup_lines]
    inv_rate = ih.set_index("invoice_id")["r"]

    # ---- cash events ---------------------------------------------------------------------------
    ev = t["_cash_events"].copy()
    ba = t["bank/bank_accounts"].set_index("bank_account_id")["gl_account_number"]
    ev["cash_acct"] = ba.reindex(ev["bank_account_id"]).to_numpy()
    ev["fccy"] = ev["subsidiary_id"].map(SUB_CCY)
    ev["r"] = rate(ctx, ev["bank_ccy"].to_numpy(), ev["fccy"].to_numpy(), ev["date"])
    ev["cash_f"] = np.round(ev["bank_amount"] * ev["r"], 2)
    ev = ev[ev["doc_id"] != "PLANTED-FEE"]          # planted: bank fee not yet recorded in the GL
    jk = "CASH|" + ev["transaction_id"]
    src = ev["kind"].map({"receipt": "ar", "ap_payment": "ap", "lease_payment": "ap", "payroll": "payroll",
                          "commission": "payroll", "opex": "ap", "power": "ap", "bank_fee": "cash",
                          "funding": "manual", "ic_out": "intercompany", "ic_in": "intercompany"})
    memo = ev["kind"] + " " + ev["doc_id"] + " - " + ev["counterparty"]
    cash_dr = np.where(ev["cash_f"] > 0, ev["cash_f"], 0.0)
    cash_cr = np.where(ev["cash_f"] < 0, -ev["cash_f"], 0.0)
    cash = _lines(jk, ev["subsidiary_id"], ev["date"], ev["cash_acct"], cash_dr, cash_cr, memo, src)
    # offsets: simple flows at the cash amount; AP payments at the bill's booked amount; receipts by application
    simple = ~ev["kind"].isin(["receipt", "ap_payment", "funding"])
    e = ev[simple]
    off = _lines(jk[simple], e["subsidiary_id"], e["date"], e["gl_account"], np.where(e["cash_f"] < 0, -e["cash_f"], 0.0),
                 np.where(e["cash_f"] > 0, e["cash_f"], 0.0), memo[simple], src[simple])
    f = ev[ev["kind"] == "funding"]
    fund = pd.concat([_lines(jk[f.index], f["subsidiary_id"], f["date"], "3000", 0.0, 60000.00, "Common stock at par", "manual"),
                      _lines(jk[f.index], f["subsidiary_id"], f["date"], "3100", 0.0, f["cash_f"] - 60000.00, "APIC", "manual")])
    p = ev[ev["kind"] == "ap_payment"]
    apoff = _lines(jk[p.index], p["subsidiary_id"], p["date"], "2000", p["doc_id"].map(bill_f).to_numpy(), 0.0, memo[p.index], "ap")
    # receipts
    pays = t["erp/payments"].set_index("payment_id")
    rc = ev[ev["kind"] == "receipt"]
    apps = t["erp/payment_applications"].merge(rc[["doc_id", "transaction_id", "subsidiary_id", "date"]],
                                              left_on="payment_id", right_on="doc_id")
    apps["f"] = np.round(apps["applied_amount"] * apps["invoice_id"].map(inv_rate), 2)
    aroff = _lines("CASH|" + apps["transaction_id"], apps["subsidiary_id"], apps["date"], "1200", 0.0, apps["f"],
                   "Receipt " + apps["payment_id"] + " applied to " + apps["invoice_id"], "ar")
    applied = apps.groupby("payment_id")["applied_amount"].sum()
    rc_un = rc.assign(un=np.round(rc["txn_amount"] - rc["doc_id"].map(applied).fillna(0.0), 2))
    rc_un = rc_un[rc_un["un"] > 0]
    unoff = _lines("CASH|" + rc_un["transaction_id"], rc_un["subsidiary_id"], rc_un["date"], "1200", 0.0,
                   np.round(rc_un["un"] * rc_un["r"], 2), "Unapplied receipt " + rc_un["doc_id"], "ar")
    cash_all = pd.concat([cash, off, fund, apoff, aroff, unoff], ignore_index=True)
    cash_all = _balance_plug(cash_all, "7300", "Realised FX gain/loss")
    # planted: one IE01 receipt booked in the UK01 ledger (GBP at the month's EUR->GBP rate)
    inv = t["erp/invoices"]
    wi = inv[(inv["contract_id"] == WRONG_ENTITY_CONTRACT) & (inv["invoice_date"] == pd.Timestamp(WRONG_ENTITY_INVOICE_DATE))]["invoice_id"]
    wp = t["erp/payment_applications"]
    wp = wp[wp["invoice_id"].isin(wi)]["payment_id"]
    t["_planted_wrong_entity_payment"] = list(wp)
    wtx = rc[rc["doc_id"].isin(wp)]
    for _, w in wtx.iterrows():
        k = "CASH|" + w["transaction_id"]
        sel = cash_all["jkey"] == k
        eurgbp = rate(ctx, "EUR", "GBP", [w["date"]])[0]
        amt = round(w["txn_amount"] * eurgbp, 2)
        cash_all = cash_all[~sel]
        cash_all = pd.concat([cash_all, _lines(k, "UK01", w["date"], ["1020", "1200"], [amt, 0.0], [0.0, amt],
                                               "Receipt " + w["doc_id"] + " - " + w["counterparty"], "ar")], ignore_index=True)
    parts.append(cash_all)

    gl = pd.concat(parts, ignore_index=True)
    gl = gl[gl["posting_date"] <= CLOSE_END]
    gl["debit"] = np.round(gl["debit"].astype(float), 2)
    gl["credit"] = np.round(gl["credit"].astype(float), 2)
    gl = gl[(gl["debit"] != 0) | (gl["credit"] != 0)]
    gl["currency_code"] = gl["subsidiary_id"].map(SUB_CCY)
    gl["src_o"] = gl["source"].map({"manual": 0, "intercompany": 1, "ap": 2, "ar": 3, "payroll": 4, "cash": 5})
    # journals numbered by (first posting date, source order, key); lines by side, account, memo
    gl = gl.reset_index(drop=True)
    code, uniq = pd.factorize(gl["jkey"])
    first = np.unique(code, return_index=True)[1]
    heads = pd.DataFrame({"jkey": np.asarray(uniq, dtype=object), "d": gl["posting_date"].to_numpy()[first],
                          "o": gl["src_o"].to_numpy()[first]})
    order = heads.sort_values(["d", "o", "jkey"]).index.to_numpy()
    jnum = np.empty(len(heads), dtype=np.int64)
    jnum[order] = np.arange(len(heads))
    gl["jnum"] = jnum[code]
    gl["side"] = np.where(gl["debit"] > 0, 0, 1)
    gl = gl.sort_values(["jnum", "side", "account_number", "memo"], kind="stable").reset_index(drop=True)
    gl["journal_id"] = ids("JE-", len(heads), 7)[gl["jnum"].to_numpy()]
    start = np.r_[0, np.flatnonzero(np.diff(gl["jnum"].to_numpy())) + 1]
    gl["line_number"] = (np.arange(len(gl)) - np.repeat(start, np.diff(np.r_[start, len(gl)])) + 1).astype(np.int64)
    t["erp/gl_entries"] = gl
