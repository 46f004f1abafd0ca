"""One row per impairment test and asset: the group's impairment loss allocated to the asset
(ASC 360-10-35-28: pro rata on carrying amounts, never below the asset's own fair value, the
excess reallocated) by src/infra_accounting/fixed_assets/impairment.py. Integer cents out."""

import numpy as np
import pandas as pd

from infra_accounting.fixed_assets.impairment import allocate_impairment


def model(dbt, session):
    dbt.config(materialized="table")
    rows = dbt.ref("int_impairment_test_assets").df()
    if rows.empty:
        return pd.DataFrame({"impairment_test_id": pd.Series(dtype=str), "asset_id": pd.Series(dtype=str),
                             "allocated_loss_cents": pd.Series(dtype="int64")})
    cents = lambda column: np.round(pd.to_numeric(rows[column]).astype(float) * 100)
    assets = pd.DataFrame({
        "group_id": rows["impairment_test_id"],
        "asset_id": rows["asset_id"],
        "carrying_cents": cents("carrying_amount").astype("int64"),
        "fair_value_cents": cents("asset_fair_value_amount"),
    })
    losses = (cents("group_impairment_loss_amount").groupby(rows["impairment_test_id"]).max()).astype("int64")
    allocated = allocate_impairment(assets, losses)
    return pd.DataFrame({
        "impairment_test_id": rows["impairment_test_id"],
        "asset_id": rows["asset_id"],
        "allocated_loss_cents": allocated.astype("int64"),
    })
