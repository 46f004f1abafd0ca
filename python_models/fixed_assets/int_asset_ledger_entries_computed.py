"""One row per asset per month of depreciation and one row per balance movement (placed in
service, disposal, partial disposal, cost adjustment, impairment, transfer out / in), through
the close period, from the vectorised book depreciation engine
(src/infra_accounting/fixed_assets/depreciation.py).

Incremental by month, like the ledger it feeds: the pre-hook deletes the months the close
recomputes (delete_recomputed_months) and commits before the engine runs, since the engine
reads the table on a connection of its own; the engine computes every asset (a month depends
on the events before it) but returns and appends only the months after the last one kept, so
a monthly close converts and writes a few hundred thousand rows, not the whole history (issue #8).

Amounts leave as integer cents; int_asset_ledger_entries converts them to decimal(18,2).
Only the columns and rows the engine uses leave DuckDB (in-service assets, bookable events),
through Arrow; the result goes back through Arrow (issue #8: no whole relation in pandas)."""

import pandas as pd
import pyarrow as pa

from infra_accounting.fixed_assets.depreciation import build_schedule

COLUMNS = ["asset_id", "event_id", "entry_type", "period_month", "subsidiary_id", "currency_code",
           "depreciation_cents", "cost_cents", "accumulated_cents", "proceeds_cents"]

ASSET_COLUMNS = """
    asset_id, subsidiary_id, functional_currency_code as currency, functional_currency_code as currency_code,
    cast(in_service_date as timestamp) as in_service_date, cast(cost_amount as double) as cost,
    cast(salvage_amount as double) as salvage_value, cast(useful_life_months as double) as useful_life_months,
    depreciation_method, cast(declining_balance_rate as double) as declining_balance_rate, convention,
    cast(salvage_pct as double) as salvage_pct
"""

EVENT_COLUMNS = """
    event_id, asset_id, engine_event_type as engine_type, engine_event_type as event_type,
    cast(event_date as timestamp) as event_date, cast(amount as double) as amount,
    cast(proceeds as double) as proceeds, cast(new_useful_life_months as double) as new_useful_life_months,
    to_subsidiary_id, to_currency_code, cast(fx_rate as double) as fx_rate, cast(disposal_pct as double) as disposal_pct
"""

SCHEMA = pa.schema([
    ("asset_id", pa.string()), ("event_id", pa.string()), ("entry_type", pa.string()),
    ("period_month", pa.timestamp("ns")), ("subsidiary_id", pa.string()), ("currency_code", pa.string()),
    ("depreciation_cents", pa.int64()), ("cost_cents", pa.int64()), ("accumulated_cents", pa.int64()),
    ("proceeds_cents", pa.int64()),
])


def _frame(relation) -> pd.DataFrame:
    return relation.to_arrow_table().to_pandas()


def model(dbt, session):
    # its config (incremental, appended to, after the pre-hook that deletes the recomputed months)
    # is in _fixed_assets__models.yml: a Python model cannot hold the Jinja of the pre-hook
    classified = dbt.ref("int_fixed_assets_classified")
    settings = classified.project("close_period_month, fiscal_year_start_month").limit(1).fetchall()
    if not settings:
        return SCHEMA.empty_table()
    horizon = pd.Timestamp(settings[0][0])
    fiscal_year_start_month = int(settings[0][1])
    assets = _frame(classified.filter("asset_status = 'in_service'").project(ASSET_COLUMNS))
    events = _frame(
        dbt.ref("int_fixed_asset_events_validated")
        .filter("is_bookable and engine_event_type <> 'location_transfer'")
        .project(EVENT_COLUMNS)
    )
    # an incremental close appends the months after the last one the table keeps
    from_month = None
    if dbt.is_incremental:
        last_kept_month = session.sql(f"select max(period_month) from {dbt.this}").fetchall()[0][0]
        if last_kept_month is not None:
            from_month = pd.Timestamp(last_kept_month) + pd.DateOffset(months=1)
    schedule, movements = build_schedule(assets, events, horizon, fiscal_year_start_month, from_month=from_month)
    schedule = schedule.assign(entry_type="depreciation", event_id=None, cost_cents=0,
                               accumulated_cents=schedule["depreciation_cents"], proceeds_cents=0)
    movements = movements.rename(columns={"movement_type": "entry_type"}).assign(depreciation_cents=0)
    result = pd.concat([schedule[COLUMNS], movements[COLUMNS]], ignore_index=True)
    for column in ["depreciation_cents", "cost_cents", "accumulated_cents", "proceeds_cents"]:
        result[column] = result[column].astype("int64")
    result["period_month"] = pd.to_datetime(result["period_month"]).astype("datetime64[ns]")
    result["event_id"] = result["event_id"].astype(object)
    return pa.Table.from_pandas(result, schema=SCHEMA, preserve_index=False)
