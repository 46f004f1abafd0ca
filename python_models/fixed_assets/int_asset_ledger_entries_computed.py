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
through Arrow; the result is built as Arrow columns from the engine's arrays and goes back
as such (issue #8: the millions of schedule rows never become pandas or Python objects)."""

import numpy as np
import pandas as pd
import pyarrow as pa

from infra_accounting.fixed_assets.depreciation import build_schedule_tables

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


def _constant(value, rows: int, type_: pa.DataType) -> pa.Array:
    """One value repeated: taken from a one-item array, without a Python object per row."""
    return pa.array([value], type=type_).take(pa.array(np.zeros(rows, dtype=np.int64)))


def _entries(schedule: pa.Table, movements: pa.Table) -> pa.Table:
    """The depreciation rows and the movements in the model's columns, one table."""
    months, moves = schedule.num_rows, movements.num_rows
    depreciation = pa.Table.from_arrays(
        [
            schedule["asset_id"], pa.nulls(months, pa.string()), _constant("depreciation", months, pa.string()),
            schedule["period_month"], schedule["subsidiary_id"], schedule["currency_code"],
            schedule["depreciation_cents"], _constant(0, months, pa.int64()), schedule["depreciation_cents"],
            _constant(0, months, pa.int64()),
        ],
        schema=SCHEMA,
    )
    balance_movements = pa.Table.from_arrays(
        [
            movements["asset_id"], movements["event_id"], movements["movement_type"], movements["period_month"],
            movements["subsidiary_id"], movements["currency_code"], _constant(0, moves, pa.int64()),
            movements["cost_cents"], movements["accumulated_cents"], movements["proceeds_cents"],
        ],
        schema=SCHEMA,
    )
    return pa.concat_tables([depreciation, balance_movements])


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
    schedule, movements = build_schedule_tables(assets, events, horizon, fiscal_year_start_month, from_month=from_month)
    return _entries(schedule, movements)
