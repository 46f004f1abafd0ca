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


SCALES = {
    "S": Scale("S", 0, (40, 110), 420, 60, 4, 38, 0),
    "M": Scale("M", 120, (60, 160), 6000, 600, 250, 1500, 1),
    "L": Scale("L", 1988, (150, 260), 40000, 4000, 4980, 19950, 5),
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
