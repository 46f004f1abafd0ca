"""ASC 360-10-35-17 / 35-28 impairment allocation.

The rule (ASC 360-10-35-28, and its illustration in ASC 360-10-55-20 to 55-22): the loss of an
asset group is allocated to its long-lived assets pro rata on carrying amounts, but no asset is
taken below its own fair value where determinable; the excess is reallocated pro rata to the
other assets. Expected amounts are computed by hand in each test.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from infra_accounting.fixed_assets.impairment import allocate_impairment


def _assets(rows):
    return pd.DataFrame(rows, columns=["group_id", "asset_id", "carrying_cents", "fair_value_cents"])


def test_pro_rata_on_carrying_amounts():
    # carrying 600 / 300 / 100 (total 1,000), loss 200 -> 120 / 60 / 20
    assets = _assets([("G", "A", 60000, np.nan), ("G", "B", 30000, np.nan), ("G", "C", 10000, np.nan)])
    allocated = allocate_impairment(assets, pd.Series({"G": 20000}))
    assert allocated.tolist() == [12000, 6000, 2000]


def test_no_asset_below_its_fair_value_excess_reallocated():
    # carrying 600 / 300 / 100, loss 200. Pro rata B would take 60 (to 240) but its fair value is
    # 270: it absorbs only 30; the other 30 goes to A and C pro rata 600:100 -> +25.71 / +4.29.
    # A 120 + 25.71 = 145.71, C 20 + 4.29 = 24.29 (cents; residual to the largest asset).
    assets = _assets([("G", "A", 60000, np.nan), ("G", "B", 30000, 27000.0), ("G", "C", 10000, np.nan)])
    allocated = allocate_impairment(assets, pd.Series({"G": 20000}))
    assert allocated.tolist() == [14571, 3000, 2429]
    assert allocated.sum() == 20000


def test_asset_worth_more_than_its_carrying_amount_takes_nothing():
    assets = _assets([("G", "A", 50000, 60000.0), ("G", "B", 50000, np.nan)])
    allocated = allocate_impairment(assets, pd.Series({"G": 10000}))
    assert allocated.tolist() == [0, 10000]


def test_groups_are_independent_and_sum_to_their_loss():
    assets = _assets([("G1", "A", 33333, np.nan), ("G1", "B", 33333, np.nan), ("G1", "C", 33334, np.nan),
                      ("G2", "D", 100, np.nan)])
    allocated = allocate_impairment(assets, pd.Series({"G1": 10000, "G2": 0}))
    assert allocated[:3].sum() == 10000 and allocated[3] == 0
