"""Orchestrates the generation: master data, assets, leases, revenue (streamed usage), cash, GL."""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import cash, company, fixed_assets, gl, leases, revenue
from .common import SCALES, SEED, Ctx
from .writer import COLUMNS, Writer


def generate(scale: str = "S", out: str = "seeds", fmt: str = "csv") -> dict[str, int]:
    ctx = Ctx(scale=SCALES[scale], rng=np.random.default_rng(SEED))
    w = Writer(out, fmt)
    company.build(ctx)
    fixed_assets.build(ctx)
    leases.build(ctx)
    c = revenue._contracts(ctx)
    lines = revenue._lines(ctx, c)
    billed = []
    for _, chunk in revenue.usage_chunks(ctx, lines):
        billed.append(revenue.aggregate_billing(chunk))
        w.append("metering/usage", chunk)
    w.close()
    billed = pd.concat(billed, ignore_index=True)
    billed = billed.groupby(["line", "bill_month", "usage_month"], as_index=False)["quantity"].sum()
    revenue.finish(ctx, c, lines, billed)
    gl.ap_bills(ctx)
    cash.build(ctx)
    gl.build(ctx)
    for name in COLUMNS:
        if name == "metering/usage":
            continue
        w.write(name, ctx.tables[name])
    ctx.tables["_writer_counts"] = w.row_counts
    return dict(sorted(w.row_counts.items()))
