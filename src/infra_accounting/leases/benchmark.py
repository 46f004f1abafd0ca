"""Benchmark of the lease discounting engine: N leases x M months (not a timed test).

    python -m infra_accounting.leases.benchmark --leases 5000 --months 120
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from .engine import measure_leases

POLICY = {
    "major_part_economic_life_pct": 0.75,
    "substantially_all_fair_value_pct": 0.90,
    "end_of_economic_life_pct": 0.75,
    "short_term_max_months": 12,
}


def synthetic(leases: int, months: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    ids = np.array([f"B{i:06d}" for i in range(leases)])
    ppy = rng.choice([12, 4, 1], size=leases)
    segments = pd.DataFrame(
        {
            "lease_id": ids,
            "segment_number": 0,
            "event_type": "commencement",
            "start_index": 0,
            "end_index": months,
            "annual_rate": rng.uniform(0.04, 0.09, leases).round(4),
            "payments_per_year": ppy,
            "end_of_term_amount": 0.0,
            "scope_decrease_pct": 0.0,
            "termination_payment": 0.0,
            "transfers_ownership": False,
            "purchase_option_reasonably_certain": False,
            "is_specialized_asset": False,
            "economic_life_months": 240,
            "fair_value": np.nan,
            "is_short_term_election": False,
            "initial_direct_costs": 0.0,
            "lease_incentives": 0.0,
            "prepaid_rent": 0.0,
        }
    )
    # a fifth of the leases get a remeasurement half-way (second segment)
    modified = segments.sample(frac=0.2, random_state=seed).copy()
    modified["segment_number"] = 1
    modified["event_type"] = "payment_change"
    modified["start_index"] = months // 2
    segments = pd.concat([segments, modified], ignore_index=True)
    seg_rep = segments.loc[segments.index.repeat(segments["end_index"] - segments["start_index"])]
    month = seg_rep.groupby(level=0).cumcount().to_numpy() + seg_rep["start_index"].to_numpy()
    every = (12 // seg_rep["payments_per_year"]).to_numpy()
    due = month % every == 0
    payments = pd.DataFrame(
        {
            "lease_id": seg_rep["lease_id"].to_numpy()[due],
            "segment_number": seg_rep["segment_number"].to_numpy()[due],
            "month_index": month[due],
            "advance_amount": np.round(10000.0 * every[due] * (1.03 ** (month[due] // 12)), 2),
            "arrears_amount": 0.0,
        }
    )
    return segments, payments


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--leases", type=int, default=5000)
    parser.add_argument("--months", type=int, default=120)
    args = parser.parse_args()
    segments, payments = synthetic(args.leases, args.months)
    started = time.perf_counter()
    months, results = measure_leases(segments, payments, POLICY)
    elapsed = time.perf_counter() - started
    print(
        f"{args.leases} leases x {args.months} months ({len(segments)} segments, {len(payments)} payments): "
        f"{len(months)} schedule rows in {elapsed:.2f} s"
    )


if __name__ == "__main__":
    main()
