"""ASC 360-10-35-28 allocation of an asset group's impairment loss, vectorised over groups.

The loss is allocated to the group's long-lived assets pro rata on their carrying amounts,
except that no asset is taken below its own fair value where that is known without undue cost
and effort; the part an asset cannot absorb is reallocated pro rata to the others. The loop is
over reallocation rounds (at most the number of capped assets), each round on whole arrays.
Amounts are integer cents; the rounding residual of a group goes to its largest uncapped asset.
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def allocate_impairment(assets: pd.DataFrame, losses: pd.Series) -> pd.Series:
    """assets: group_id, asset_id, carrying_cents (int), fair_value_cents (float, nan = unknown).
    losses: loss in cents per group_id. Returns the loss allocated to each asset (cents),
    aligned with `assets`' index."""
    assets = assets.copy()
    group = assets["group_id"].to_numpy()
    carrying = assets["carrying_cents"].to_numpy(dtype=float)
    fair_value = assets["fair_value_cents"].to_numpy(dtype=float)
    # most an asset can absorb: carrying amount down to its fair value (or to zero)
    capacity = np.maximum(carrying - np.nan_to_num(fair_value, nan=0.0), 0.0)
    remaining = losses.reindex(group).fillna(0).to_numpy(dtype=float)
    remaining = pd.Series(losses.astype(float))
    allocated = np.zeros(len(assets))
    open_asset = capacity > 0
    for _ in range(len(assets) + 1):
        to_allocate = remaining.reindex(group).fillna(0).to_numpy()
        weight = np.where(open_asset, carrying, 0.0)
        weight_total = pd.Series(weight).groupby(group).transform("sum").to_numpy()
        share = np.where(weight_total > 0, to_allocate * weight / np.where(weight_total > 0, weight_total, 1), 0.0)
        headroom = capacity - allocated
        take = np.minimum(share, headroom)
        allocated += take
        capped = open_asset & (share >= headroom - 1e-9)
        remaining = remaining - pd.Series(take).groupby(group).sum().reindex(remaining.index).fillna(0)
        open_asset = open_asset & ~capped
        if (remaining.abs() < 1e-6).all() or not open_asset.any():
            break
    cents = np.floor(allocated + 0.5).astype(np.int64)
    # the rounding residual of each group goes to its largest asset that still has headroom
    target = losses.reindex(pd.unique(group)).fillna(0)
    total_possible = pd.Series(capacity).groupby(group).sum()
    target = np.minimum(target, np.floor(total_possible.reindex(target.index).to_numpy() + 0.5))
    residual = target - pd.Series(cents).groupby(group).sum().reindex(target.index)
    order = pd.DataFrame({"group": group, "carrying": carrying, "headroom": capacity - cents, "pos": np.arange(len(assets))})
    order = order[order["headroom"] > 0].sort_values(["group", "carrying", "pos"], ascending=[True, False, True])
    first = order.drop_duplicates("group").set_index("group")["pos"]
    for group_id, amount in residual.items():
        if amount != 0 and group_id in first.index:
            cents[first[group_id]] += int(amount)
    return pd.Series(cents, index=assets.index, name="allocated_loss_cents")
