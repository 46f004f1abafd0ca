"""Shared constants, scale settings and date helpers of the demo generator."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

SEED = 20261031
HISTORY_START = pd.Timestamp("2025-01-01")
CLOSE_MONTH = pd.Timestamp("2026-10-01")
CLOSE_END = pd.Timestamp("2026-10-31")
LAST_CLOSED_END = pd.Timestamp("2026-09-30")
MONTHS = pd.date_range(HISTORY_START, CLOSE_MONTH, freq="MS")  # 2025-01 .. 2026-10

SUBS = {  # subsidiary_id: (name, country, currency, parent)
    "US01": ("Helios Compute Inc.", "US", "USD", None),
    "UK01": ("Helios Compute UK Ltd", "GB", "GBP", "US01"),
    "IE01": ("Helios Compute Ireland DAC", "IE", "EUR", "US01"),
}
SUB_CCY = {k: v[2] for k, v in SUBS.items()}
SUB_DCS = {"US01": ["DC01", "DC02", "DC03", "DC04"], "UK01": ["DC05"], "IE01": ["DC06"]}
SUB_OFFICE = {"US01": "OF01", "UK01": "OF02", "IE01": "DC06"}
CASH_ACCOUNT = {"BA-US01-OPS": "1010", "BA-UK01-GBP": "1020", "BA-UK01-USD": "1021",
                "BA-IE01-EUR": "1030"}
SUB_BANK = {"US01": "BA-US01-OPS", "UK01": "BA-UK01-GBP", "IE01": "BA-IE01-EUR"}


@dataclass(frozen=True)
class Scale:
    name: str
    generic_projects: int      # capital projects beyond the 12 planted ones
    servers_per_project: tuple  # (low, high) servers per generic project
    laptops: int
    furniture: int
    extra_leases: int
    extra_contracts: int
    skus_per_contract: int     # extra usage lines per contract (multi-location at L)
    extra_bank_fees: int = 0
    remittances: float = 1.0   # mean customer remittances per invoice (M/L: split by PO / cost centre)
    batch_pct: float = 0.0     # share of customers paying a quarter's invoices with one payment (M/L)
    deposits: int = 0          # unapplied customer deposits (M/L), on top of the planted CA-1
    wire_fee_pct: float = 0.0  # receipts followed by an incoming-wire fee line on the bank (M/L)


# S is the committed demo (do not change: the seeds must stay byte-identical). M is about a
# tenth of L. L: ~500k assets, 2,000 projects, 5,000 leases, 20,000 contracts, ~100M usage rows,
# ~2M bank lines (docs/demo_company.md "Scale presets").
SCALES = {
    "S": Scale("S", 0, (40, 110), 420, 60, 4, 38, 0),
    "M": Scale("M", 188, (125, 225), 4000, 400, 480, 1988, 12,
               remittances=10.0, batch_pct=0.04, deposits=60, wire_fee_pct=0.03),
    "L": Scale("L", 1988, (125, 225), 40000, 4000, 4980, 19988, 11,
               remittances=10.0, batch_pct=0.04, deposits=600, wire_fee_pct=0.03),
}


@dataclass
class Ctx:
    scale: Scale
    rng: np.random.Generator
    tables: dict = field(default_factory=dict)


def month_end(d) -> pd.Timestamp:
    return (pd.Timestamp(d) + pd.offsets.MonthEnd(0)).normalize()


def ids(prefix: str, n: int, width: int, start: int = 1) -> np.ndarray:
    nums = np.arange(start, start + n)
    return np.char.add(prefix, np.char.zfill(nums.astype(str), width)).astype(object)


def cents_allocate(total_cents: np.ndarray, weights: np.ndarray, group: np.ndarray) -> np.ndarray:
    """Split each group's total (in cents) over its rows by weight, largest remainder,
    so that each group's rows sum exactly to its total. total_cents is per row (the
    group's total repeated)."""
    df = pd.DataFrame({"g": group, "w": weights.astype(float), "t": total_cents})
    wsum = df.groupby("g")["w"].transform("sum")
    raw = df["t"] * df["w"] / wsum
    base = np.floor(raw)
    rem = raw - base
    df["base"] = base
    deficit = df["t"] - df.groupby("g")["base"].transform("sum")
    order = pd.DataFrame({"g": group, "rem": -rem.to_numpy(), "i": np.arange(len(df))})
    rank = order.sort_values(["g", "rem", "i"]).groupby("g").cumcount()
    rank = rank.reindex(order.index).to_numpy()
    return (base.to_numpy() + (rank < deficit.to_numpy())).astype(np.int64)
