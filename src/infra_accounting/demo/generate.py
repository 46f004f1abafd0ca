"""Orchestrates the generation: master data, assets, leases, revenue (streamed usage), cash, GL."""
from __future__ import annotations

import time

import numpy as np
import pandas as pd

from . import cash, company, fixed_assets, gl, leases, revenue
from .common import SCALES, SEED, Ctx, Scale
from .writer import COLUMNS, Writer


def generate(scale: str | Scale = "S", out: str = "seeds", fmt: str = "csv", parquet_types: str = "text",
             log=None) -> dict[str, int]:
    """Write every extract of the preset to `out`; returns rows per extract.

    S keeps its historical row-by-row-identical path (the committed seeds); M and L stream
    usage month by month through usage_months_fast (arrow, rows sorted by usage_date, one
    parquet row group per month). `log` (e.g. sys.stderr) gets one progress line per extract."""
    t_start = time.perf_counter()
    sc = scale if isinstance(scale, Scale) else SCALES[scale]
    ctx = Ctx(scale=sc, rng=np.random.default_rng(SEED))
    w = Writer(out, fmt, parquet_types, log=log)

    def step(what: str, t0: float) -> None:
        if log is not None:
            print(f"[demo] ({what} {time.perf_counter() - t0:.1f} s)", file=log, flush=True)

    t0 = time.perf_counter()
    company.build(ctx)
    fixed_assets.build(ctx)
    leases.build(ctx)
    c = revenue._contracts(ctx)
    lines = revenue._lines(ctx, c)
    step("master data, assets, leases, contracts", t0)
    billed = []
    if sc.name == "S":
        for _, chunk in revenue.usage_chunks(ctx, lines):
            billed.append(revenue.aggregate_billing(chunk))
            w.append("metering/usage", chunk)
    else:
        typed = fmt == "parquet" and parquet_types == "typed"
        t0 = time.perf_counter()
        for _, table, agg in revenue.usage_months_fast(ctx, lines, typed=typed):
            billed.append(agg)
            w.append_arrow("metering/usage", table, t0)
            t0 = time.perf_counter()
    w.close()
    t0 = time.perf_counter()
    billed = pd.concat(billed, ignore_index=True)
    billed = billed.groupby(["line", "bill_month", "usage_month"], as_index=False)["quantity"].sum()
    revenue.finish(ctx, c, lines, billed)
    step("invoices", t0)
    t0 = time.perf_counter()
    gl.ap_bills(ctx)
    cash.build(ctx)
    step("payments and bank lines", t0)
    t0 = time.perf_counter()
    gl.build(ctx)
    step("gl entries", t0)
    for name in COLUMNS:
        if name == "metering/usage":
            continue
        w.write(name, ctx.tables[name])
    ctx.tables["_writer_counts"] = w.row_counts
    if log is not None:
        print(f"[demo] total {sum(w.row_counts.values()):,d} rows in {time.perf_counter() - t_start:.1f} s",
              file=log, flush=True)
    return dict(sorted(w.row_counts.items()))
