"""One row per asset per month of depreciation and one row per balance movement (placed in
service, disposal, partial disposal, cost adjustment, impairment, transfer out / in), through
the close period, from the vectorised book depreciation engine
(src/infra_accounting/fixed_assets/depreciation.py).

Amounts leave as integer cents; int_asset_ledger_entries converts them to decimal(18,2)."""

import pandas as pd

from infra_accounting.fixed_assets.depreciation import build_schedule


def model(dbt, session):
    dbt.config(materialized="table")
    assets = dbt.ref("int_fixed_assets_classified").df()
    events = dbt.ref("int_fixed_asset_events_validated").df()
    columns = ["asset_id", "event_id", "entry_type", "period_month", "subsidiary_id", "currency_code",
               "depreciation_cents", "cost_cents", "accumulated_cents", "proceeds_cents"]
    if assets.empty:
        return pd.DataFrame(columns=columns)
    horizon = pd.Timestamp(assets["close_period_month"].iloc[0])
    fiscal_year_start_month = int(assets["fiscal_year_start_month"].iloc[0])
    assets = assets[assets["asset_status"] == "in_service"].rename(
        columns={"cost_amount": "cost", "salvage_amount": "salvage_value", "functional_currency_code": "currency"}
    )
    assets = assets.assign(currency_code=assets["currency"])
    for column in ["cost", "salvage_value", "useful_life_months", "declining_balance_rate", "salvage_pct"]:
        assets[column] = pd.to_numeric(assets[column], errors="coerce").astype(float)
    events = events[events["is_bookable"] & (events["engine_event_type"] != "location_transfer")].rename(
        columns={"engine_event_type": "engine_type"}
    )
    events = events.assign(event_type=events["engine_type"])
    for column in ["amount", "proceeds", "new_useful_life_months", "fx_rate", "disposal_pct"]:
        events[column] = pd.to_numeric(events[column], errors="coerce").astype(float)
    events["event_date"] = pd.to_datetime(events["event_date"])
    schedule, movements = build_schedule(assets, events, horizon, fiscal_year_start_month)
    schedule = schedule.assign(entry_type="depreciation", event_id=None, cost_cents=0, accumulated_cents=schedule["depreciation_cents"], proceeds_cents=0)
    movements = movements.rename(columns={"movement_type": "entry_type"}).assign(depreciation_cents=0)
    result = pd.concat([schedule[columns], movements[columns]], ignore_index=True)
    for column in ["depreciation_cents", "cost_cents", "accumulated_cents", "proceeds_cents"]:
        result[column] = result[column].astype("int64")
    result["period_month"] = pd.to_datetime(result["period_month"])
    result["event_id"] = result["event_id"].astype(object)
    return result
