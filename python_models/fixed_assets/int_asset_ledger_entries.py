"""One row per asset ledger entry through the close period: a month of depreciation or a balance
movement (placed in service, disposal, partial disposal, cost adjustment, impairment, transfer
out / in), in the functional currency of the entity that holds the asset, as decimal money,
from the vectorised book depreciation engine (src/infra_accounting/fixed_assets/depreciation.py).
Placed-in-service entries are split into additions and CIP transfers in (assets built through
a capital project).

Incremental by month: the pre-hooks log the first month the run writes and delete the months
the close recomputes (delete_recomputed_months), committed before the engine runs, since the
engine reads the table on a connection of its own; the engine returns and appends only the
months after the last one kept, so a monthly close converts and writes a few hundred thousand
rows, not the whole history (issue #8); it computes the kept months only where a later month
depends on them (assets with events, accelerated methods, actual-days and half-year heads), not
for the straight-line assets without events (FA-022). Closed months are read, not rebuilt (the
engine's months do not depend on the close period, FA-019).

Only the columns and rows the engine uses leave DuckDB (in-service assets, bookable events),
through Arrow. The engine's rows come back as Arrow columns built from its arrays, in integer
cents (the millions of schedule rows never become pandas or Python objects); DuckDB then adds
each asset's class and project and converts the cents to decimal(18,2) in the one query that
writes the table (ENGINE_ROWS_AS_LEDGER_ENTRIES)."""

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


def _entries(schedule: pa.Table, movements: pa.Table) -> pa.Table:
    """The depreciation rows and the movements in the model's columns, one table (the constant
    columns repeated by Arrow, without a Python object per row)."""
    months, moves = schedule.num_rows, movements.num_rows
    no_cents = pa.scalar(0, pa.int64())
    depreciation = pa.Table.from_arrays(
        [
            schedule["asset_id"], pa.nulls(months, pa.string()), pa.repeat(pa.scalar("depreciation"), months),
            schedule["period_month"], schedule["subsidiary_id"], schedule["currency_code"],
            schedule["depreciation_cents"], pa.repeat(no_cents, months), schedule["depreciation_cents"],
            pa.repeat(no_cents, months),
        ],
        schema=SCHEMA,
    )
    balance_movements = pa.Table.from_arrays(
        [
            movements["asset_id"], movements["event_id"], movements["movement_type"], movements["period_month"],
            movements["subsidiary_id"], movements["currency_code"], pa.repeat(no_cents, moves),
            movements["cost_cents"], movements["accumulated_cents"], movements["proceeds_cents"],
        ],
        schema=SCHEMA,
    )
    return pa.concat_tables([depreciation, balance_movements])


# the engine's rows (integer cents) as the ledger's entries: decimal money, the asset's class
# and project, placed in service as an addition or, for an asset built through a capital
# project, a CIP transfer in
ENGINE_ROWS_AS_LEDGER_ENTRIES = """
    select
        engine_rows.asset_id,
        engine_rows.event_id,
        case
            when engine_rows.entry_type = 'in_service' and assets.project_id is not null then 'cip_transfer_in'
            when engine_rows.entry_type = 'in_service' then 'addition'
            else engine_rows.entry_type
        end as entry_type,
        cast(engine_rows.period_month as date) as period_month,
        engine_rows.subsidiary_id,
        engine_rows.currency_code,
        assets.asset_class_code,
        assets.project_id,
        cast(cast(engine_rows.depreciation_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as depreciation_amount,
        cast(cast(engine_rows.cost_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as cost_change_amount,
        cast(cast(engine_rows.accumulated_cents as decimal(18, 0)) * 0.01 as decimal(18, 2))
            as accumulated_depreciation_change_amount,
        cast(cast(engine_rows.proceeds_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as proceeds_amount
    from int_asset_ledger_entries__engine_rows as engine_rows
    inner join int_asset_ledger_entries__assets as assets on engine_rows.asset_id = assets.asset_id
"""


def model(dbt, session):
    # its config (incremental, appended to, after the pre-hooks that log the first month written
    # and delete the recomputed months) is in _fixed_assets__models.yml: a Python model cannot
    # hold the Jinja of its pre-hooks
    classified = dbt.ref("int_fixed_assets_classified")
    settings = classified.project("close_period_month, fiscal_year_start_month").limit(1).fetchall()
    # the views the conversion reads, on this model's own connection (where dbt-duckdb writes
    # the relation returned)
    session.register("int_asset_ledger_entries__assets", classified)
    if not settings:
        session.register("int_asset_ledger_entries__engine_rows", SCHEMA.empty_table())
        return session.sql(ENGINE_ROWS_AS_LEDGER_ENTRIES)
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
    session.register("int_asset_ledger_entries__engine_rows", _entries(schedule, movements))
    return session.sql(ENGINE_ROWS_AS_LEDGER_ENTRIES)
