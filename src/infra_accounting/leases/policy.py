"""The lease classification policy the engine reads, from the policy seed's rows."""

from __future__ import annotations

import pandas as pd


def lease_policy(policy_rows: pd.DataFrame, policy_id: str = "default") -> dict:
    """Thresholds of the `policy_id` row of stg_policy__lease_policy, as the engine expects them."""
    row = policy_rows[policy_rows["policy_id"] == policy_id].iloc[0]
    return {
        "major_part_economic_life_pct": float(row["major_part_economic_life_pct"]),
        "substantially_all_fair_value_pct": float(row["substantially_all_fair_value_pct"]),
        "end_of_economic_life_pct": float(row["end_of_economic_life_pct"]),
        "short_term_max_months": int(row["short_term_max_months"]),
    }
