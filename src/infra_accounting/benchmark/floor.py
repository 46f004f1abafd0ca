"""The compute floor: the close's core schedules as plain, hand-written DuckDB queries.

The same Parquet files the close reads, no dbt, no validation, no controls: what the engine
needs to compute the numbers at all. Each schedule is materialised as a table in a DuckDB
file of its own (the project writes its tables to a file too) and timed. A floor must compute
the same thing as the project, so each one is checked against the project's warehouse on a
control total; the project/floor time ratio is the overhead of the project over the engine.

(a) rating      usage x contract (customer, date range up to the next contract) x contract
                rate or list price less discount; rated amount per row and the monthly sum
                per contract and SKU.
(b) depreciation straight-line monthly schedule of every capitalised asset in service, closed
                form per convention (full month, next month, mid-month, actual days) to the
                cent, each fiscal year's last month bringing the accumulated amount to the
                exact figure rounded once, the last month of the life taking the residual;
                through the close month.
(c) matching    bank receipts to ERP payments: exact reference, normalised invoice reference,
                then customer + amount within seven days; best candidate per line, then per payment.
(d) leases      lease liability by month: payments from the lease terms (frequency, timing,
                escalation), present value at the monthly equivalent rate, closing balance
                per month as the discounted remaining payments (a reverse running sum).

Control totals compare like with like: (b) over straight-line assets with no asset events and a
convention the floor computes; (d) over plain leases (no modification, option, guarantee,
explicit schedule or non-lease component, not short-term) - the coverage is reported.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from infra_accounting.duckdb_memory import BLOCK_ALLOCATOR_MEMORY

# The DuckDB memory limit of the benchmark's builds and of the floor. It covers DuckDB's buffer
# pool, not the whole process: dbt's Python, the depreciation engine's arrays and DuckDB's own
# allocations outside the pool come on top (1-1.5 GB at L), so 6 GB keeps the process under the
# 8 GB target by construction (DECISIONLOG D-008).
DEFAULT_MEMORY_LIMIT = "6GB"

# The project's relations that hold each floor schedule: the project's time for a schedule is
# the time of these models and of every model upstream of them (their lineage in the run's
# manifest, from the extracts), so the comparison survives refactors of the project's models.
PROJECT_TARGETS = {
    "rating": ("fct_rated_usage", "int_contract_usage_summed_monthly"),
    "depreciation": ("fct_asset_depreciation",),
    "matching": ("int_bank_receipts_matched",),
    "leases": ("fct_lease_schedule",),
}


def _views(extracts_dir: Path) -> str:
    def parquet(name: str) -> str:
        return f"read_parquet('{extracts_dir / name}.parquet')"

    return f"""
    create or replace temp view usage as
        select usage_id, customer_id, sku, cast(usage_date as date) as usage_date,
               cast(quantity as decimal(18, 4)) as quantity
        from {parquet('metering/usage')};
    create or replace temp view customers as select cast(customer_id as varchar) as customer_id, customer_name
        from {parquet('erp/customers')};
    create or replace temp view skus as select sku, cast(list_price as decimal(18, 8)) as list_price
        from {parquet('metering/skus')};
    create or replace temp view contracts as
        select contract_id, customer_id, cast(start_date as date) as start_date, cast(end_date as date) as end_date,
               cast(discount_pct as decimal(18, 8)) as discount_pct
        from {parquet('crm/contracts')};
    create or replace temp view contract_rates as
        select contract_id, sku, cast(unit_price as decimal(18, 8)) as unit_price from {parquet('crm/contract_rates')};
    create or replace temp view fixed_assets as
        select asset_id, asset_class_code, cast(in_service_date as date) as in_service_date,
               cast(cost as decimal(18, 2)) as cost, cast(salvage_value as decimal(18, 2)) as salvage_value,
               cast(useful_life_months as integer) as useful_life_months, depreciation_method
        from {parquet('erp/fixed_assets')};
    create or replace temp view asset_classes as
        select asset_class_code, cast(useful_life_months as integer) as useful_life_months, depreciation_method,
               convention, cast(salvage_pct as decimal(18, 8)) as salvage_pct,
               cast(capitalization_threshold as decimal(18, 2)) as capitalization_threshold
        from {parquet('policy/asset_classes')};
    create or replace temp view asset_events as select asset_id from {parquet('erp/asset_events')};
    create or replace temp view bank_transactions as
        select bank_account_id, transaction_id, cast(posted_date as date) as posted_date,
               cast(amount as decimal(18, 2)) as amount, counterparty, reference
        from {parquet('bank/bank_transactions')};
    create or replace temp view payments as
        select payment_id, customer_id, cast(payment_date as date) as payment_date,
               cast(amount as decimal(18, 2)) as amount, bank_account_id, reference
        from {parquet('erp/payments')};
    create or replace temp view lease_contracts as
        select lease_id, cast(commencement_date as date) as commencement_date, cast(end_date as date) as end_date,
               payment_frequency, payment_timing, cast(base_payment as decimal(18, 2)) as base_payment,
               coalesce(cast(annual_escalation_pct as double), 0) as escalation,
               cast(discount_rate as double) as discount_rate,
               coalesce(cast(purchase_option_reasonably_certain as boolean), false) as purchase_option_certain,
               coalesce(cast(renewal_reasonably_certain as boolean), false) as renewal_certain,
               coalesce(cast(residual_value_guarantee_amount as decimal(18, 2)), 0) as guarantee,
               coalesce(cast(is_short_term_election as boolean), false) as short_term,
               coalesce(cast(non_lease_component_amount as decimal(18, 2)), 0) as non_lease_amount
        from {parquet('leases/lease_contracts')};
    create or replace temp view lease_modifications as select lease_id from {parquet('leases/lease_modifications')};
    create or replace temp view lease_payments as select lease_id from {parquet('leases/lease_payments')};
    """


# The project's default var fiscal_year_start_month (January): straight line trues each fiscal
# year up to the exact accumulated amount in the year's last month (DECISIONLOG FA-020).
FISCAL_YEAR_START_MONTH = 1


def floor_queries(close_period: str) -> dict[str, list[str]]:
    """The floor's statements per schedule (each creates its result tables)."""
    close_month = f"date '{close_period}-01'"
    close_index = f"(year({close_month}) * 12 + month({close_month}) - 1)"
    return {
        "rating": [
            """
            create or replace table floor_contracts as
            select contract_id, customer_id, start_date, coalesce(discount_pct, 0) as discount_pct,
                   least(coalesce(end_date, date '9999-12-31'),
                         coalesce(lead(start_date) over (partition by customer_id order by start_date, contract_id) - 1,
                                  date '9999-12-31')) as usage_end_date
            from contracts
            """,
            """
            create or replace table floor_rated_usage as
            select usage.usage_id, floor_contracts.contract_id, usage.sku,
                   date_trunc('month', usage.usage_date)::date as usage_month,
                   cast(round(cast(usage.quantity as decimal(38, 4)) * coalesce(
                       contract_rates.unit_price,
                       cast(round(cast(skus.list_price * (1 - floor_contracts.discount_pct) as decimal(38, 12)), 8)
                            as decimal(18, 8))), 2) as decimal(18, 2)) as rated_amount
            from usage
            inner join skus on usage.sku = skus.sku
            inner join floor_contracts
                on usage.customer_id = floor_contracts.customer_id
                and usage.usage_date between floor_contracts.start_date and floor_contracts.usage_end_date
            left join contract_rates
                on floor_contracts.contract_id = contract_rates.contract_id and usage.sku = contract_rates.sku
            where usage.customer_id in (select customer_id from customers)
            """,
            """
            create or replace table floor_usage_revenue_monthly as
            select contract_id, sku, usage_month, sum(rated_amount) as revenue_amount
            from floor_rated_usage group by all
            """,
        ],
        "depreciation": [
            f"""
            create or replace table floor_depreciable_assets as
            with resolved as (
                select fixed_assets.asset_id,
                       coalesce(fixed_assets.useful_life_months, asset_classes.useful_life_months) as life,
                       coalesce(fixed_assets.depreciation_method, asset_classes.depreciation_method) as method,
                       asset_classes.convention,
                       fixed_assets.in_service_date,
                       fixed_assets.cost - coalesce(fixed_assets.salvage_value,
                           cast(round(fixed_assets.cost * coalesce(asset_classes.salvage_pct, 0), 2) as decimal(18, 2)))
                           as basis
                from fixed_assets
                inner join asset_classes on fixed_assets.asset_class_code = asset_classes.asset_class_code
                where fixed_assets.cost >= asset_classes.capitalization_threshold
                    and fixed_assets.in_service_date <= last_day({close_month})
            )
            select *,
                   year(in_service_date) * 12 + month(in_service_date) - 1
                       + case when convention = 'next_month' then 1 else 0 end as start_index,
                   -- the first month's weight as a fraction (integer arithmetic: exact to the cent)
                   case convention
                       when 'mid_month' then 1
                       when 'actual_days' then day(last_day(in_service_date)) - day(in_service_date) + 1
                       else 1 end as head_numerator,
                   case convention
                       when 'mid_month' then 2
                       when 'actual_days' then day(last_day(in_service_date))
                       else 1 end as head_denominator,
                   cast(basis * 100 as bigint) as basis_cents,
                   asset_id not in (select asset_id from asset_events) as has_no_events
            from resolved
            where method = 'straight_line' and convention in ('full_month', 'next_month', 'mid_month', 'actual_days')
            """,
            f"""
            create or replace table floor_depreciation_schedule as
            with sized as (
                select *, life + case when head_numerator < head_denominator then 1 else 0 end as months
                from floor_depreciable_assets
            ),
            months as (
                select sized.*, unnest(range(0, least(months, {close_index} - start_index + 1))) as k
                from sized
            ),
            -- each month's weight in life months, as a numerator over head_denominator
            weighted as (
                select asset_id, k, start_index + k as month_index, life, basis_cents, head_denominator,
                       case
                           when k = 0 then head_numerator
                           when k = months - 1 and head_numerator < head_denominator then head_denominator - head_numerator
                           else head_denominator
                       end as weight_numerator,
                       k = months - 1 as is_life_end,
                       (start_index + k - ({FISCAL_YEAR_START_MONTH} - 1)) % 12 = 11 as is_year_end
                from months
            ),
            -- basis x weight / life rounded half away from zero, in integer cents: each month, and
            -- the accumulated amount at each fiscal year end (rounded once, FA-020)
            cumulated as (
                select *,
                       (2 * basis_cents * weight_numerator + head_denominator * life)
                           // (2 * head_denominator * life) as month_cents,
                       (2 * basis_cents * sum(weight_numerator) over to_date + head_denominator * life)
                           // (2 * head_denominator * life) as exact_to_date_cents,
                       coalesce(sum(is_year_end::integer) over (partition by asset_id order by k
                           rows between unbounded preceding and 1 preceding), 0) as fiscal_year_number
                from weighted
                window to_date as (partition by asset_id order by k rows between unbounded preceding and current row)
            ),
            accumulated as (
                select *,
                       case when is_year_end then exact_to_date_cents
                           else coalesce(max(case when is_year_end then exact_to_date_cents end) over (
                               partition by asset_id order by k rows between unbounded preceding and 1 preceding), 0)
                               + sum(month_cents) over (partition by asset_id, fiscal_year_number order by k
                                   rows between unbounded preceding and current row)
                       end as accumulated_cents
                from cumulated
            )
            select asset_id, k, month_index,
                   cast((case when is_life_end then basis_cents else accumulated_cents end
                         - coalesce(lag(accumulated_cents) over (partition by asset_id order by k), 0)) / 100
                        as decimal(18, 2)) as depreciation_amount
            from accumulated
            """,
        ],
        "matching": [
            f"""
            create or replace table floor_bank_receipts_matched as
            with bank as (
                select *, 'INV-' || lpad(regexp_extract(upper(reference), 'INV[^0-9]*([0-9]+)', 1), 6, '0') as normalized
                from bank_transactions where amount > 0 and posted_date <= last_day({close_month})
            ),
            pays as (
                select payments.*, customers.customer_name,
                       'INV-' || lpad(regexp_extract(upper(payments.reference), 'INV[^0-9]*([0-9]+)', 1), 6, '0') as normalized
                from payments left join customers on payments.customer_id = customers.customer_id
            ),
            candidates as (
                select bank.bank_account_id, bank.transaction_id, pays.payment_id, 1 as pass,
                       abs(date_diff('day', pays.payment_date, bank.posted_date)) as gap
                from bank inner join pays on bank.bank_account_id = pays.bank_account_id
                    and bank.reference = pays.reference and bank.amount = pays.amount
                union all
                select bank.bank_account_id, bank.transaction_id, pays.payment_id, 2,
                       abs(date_diff('day', pays.payment_date, bank.posted_date))
                from bank inner join pays on bank.bank_account_id = pays.bank_account_id
                    and bank.normalized = pays.normalized and bank.amount = pays.amount
                where bank.normalized <> 'INV-000000'
                union all
                select bank.bank_account_id, bank.transaction_id, pays.payment_id, 3,
                       abs(date_diff('day', pays.payment_date, bank.posted_date))
                from bank inner join pays on bank.bank_account_id = pays.bank_account_id
                    and bank.counterparty = pays.customer_name and bank.amount = pays.amount
                    and abs(date_diff('day', pays.payment_date, bank.posted_date)) <= 7
            ),
            best_line as (
                select * from candidates
                qualify row_number() over (partition by bank_account_id, transaction_id order by pass, gap, payment_id) = 1
            ),
            best_payment as (
                select * from best_line
                qualify row_number() over (partition by payment_id order by pass, gap, bank_account_id, transaction_id) = 1
            )
            select bank.bank_account_id, bank.transaction_id, bank.amount, best_payment.payment_id, best_payment.pass
            from bank left join best_payment
                on bank.bank_account_id = best_payment.bank_account_id and bank.transaction_id = best_payment.transaction_id
            """,
        ],
        "leases": [
            """
            create or replace table floor_leases as
            select *,
                   case payment_frequency when 'monthly' then 12 when 'quarterly' then 4 else 1 end as per_year,
                   (year(end_date + 1) - year(commencement_date)) * 12 + month(end_date + 1) - month(commencement_date)
                       as term_months,
                   not purchase_option_certain and not renewal_certain and guarantee = 0 and not short_term
                       and non_lease_amount = 0
                       and lease_id not in (select lease_id from lease_modifications)
                       and lease_id not in (select lease_id from lease_payments) as is_plain
            from lease_contracts
            """,
            """
            create or replace table floor_lease_schedule as
            with rated as (
                select *, 12 // per_year as months_per_payment,
                       pow(1 + discount_rate / per_year, per_year / 12.0) - 1 as monthly_rate
                from floor_leases
            ),
            months as (select rated.*, unnest(range(0, term_months)) as m from rated),
            -- an escalated payment is rounded half up from its decimal value (10 places), as
            -- the project's money macro does: rounding the double directly sends exact half
            -- cents (10,000.00 x 1.03^k has finite decimals) down when the double is a hair below
            paid as (
                select lease_id, m, monthly_rate, date_trunc('month', commencement_date)::date + to_months(m) as period_month,
                       case when (payment_timing = 'advance' and m % months_per_payment = 0)
                                 or (payment_timing = 'arrears' and (m + 1) % months_per_payment = 0)
                            then cast(round(cast(base_payment * pow(1 + escalation, m // 12) as decimal(38, 10)), 2) as double)
                            else 0 end
                           as payment,
                       m + case when payment_timing = 'arrears' then 1 else 0 end as payment_time
                from months
            ),
            discounted as (
                select *, payment / pow(1 + monthly_rate, payment_time) as present_value from paid
            )
            select lease_id, m, period_month::date as period_month, payment,
                   round(coalesce(sum(present_value) over (partition by lease_id order by m desc
                         rows between unbounded preceding and 1 preceding), 0) * pow(1 + monthly_rate, m + 1), 2)
                       as liability_closing_amount,
                   round(sum(present_value) over (partition by lease_id), 2) as initial_liability_amount
            from discounted
            """,
        ],
    }


@dataclass
class FloorResult:
    schedule: str
    seconds: float
    statements: int
    rows: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"schedule": self.schedule, "seconds": round(self.seconds, 3), "statements": self.statements, "rows": self.rows}


def connect(database: Path, memory_limit: str, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    database.parent.mkdir(parents=True, exist_ok=True)
    connection = duckdb.connect(str(database))
    connection.execute(f"set memory_limit = '{memory_limit}'")
    # the engine as the close runs it (C-020), so the ratio measures the project, not a setting
    connection.execute(f"set block_allocator_memory = '{BLOCK_ALLOCATOR_MEMORY}'")
    connection.execute(f"set temp_directory = '{database.parent / 'floor_tmp'}'")
    if threads:
        connection.execute(f"set threads = {int(threads)}")
    return connection


def run_floor(extracts_dir: Path, database: Path, close_period: str, memory_limit: str = DEFAULT_MEMORY_LIMIT, threads: int | None = None) -> list[FloorResult]:
    """Run every floor schedule on the extracts and time each (the tables stay in database)."""
    if database.exists():
        database.unlink()
    results = []
    with connect(database, memory_limit, threads) as connection:
        connection.execute(_views(extracts_dir.resolve()))
        for schedule, statements in floor_queries(close_period).items():
            started = time.perf_counter()
            for statement in statements:
                connection.execute(statement)
            seconds = time.perf_counter() - started
            tables = [
                row[0]
                for row in connection.execute(
                    "select table_name from information_schema.tables where table_schema = 'main' and table_name like 'floor_%'"
                ).fetchall()
            ]
            created = [statement.split(" as", 1)[0].split()[-1] for statement in statements]
            rows = {table: connection.execute(f"select count(*) from {table}").fetchone()[0] for table in created if table in tables}
            results.append(FloorResult(schedule, seconds, len(statements), rows))
    return results


# Control totals: (floor query on the floor database, project query on the warehouse attached as p).
CONTROLS = {
    "rating": {
        "rated_rows": ("select count(*) from floor_rated_usage", "select count(*) from {fct_rated_usage}"),
        "rated_amount": (
            "select sum(rated_amount) from floor_rated_usage",
            "select sum(rated_amount) from {fct_rated_usage}",
        ),
    },
    "depreciation": {
        "covered_assets": (
            "select count(distinct asset_id) from floor_depreciation_schedule"
            " where asset_id in (select asset_id from floor_depreciable_assets where has_no_events)",
            "select count(distinct asset_id) from {fct_asset_depreciation}"
            " where asset_id in (select asset_id from floor_depreciable_assets where has_no_events)",
        ),
        "depreciation_through_close": (
            "select sum(depreciation_amount) from floor_depreciation_schedule"
            " where asset_id in (select asset_id from floor_depreciable_assets where has_no_events)",
            "select sum(depreciation_amount) from {fct_asset_depreciation}"
            " where period_month <= date '{close_period}-01'"
            " and asset_id in (select asset_id from floor_depreciable_assets where has_no_events)",
        ),
    },
    "matching": {
        "matched_lines": (
            "select count(payment_id) from floor_bank_receipts_matched",
            "select count(payment_id) from {int_bank_receipts_matched}",
        ),
        "matched_amount": (
            "select sum(amount) filter (where payment_id is not null) from floor_bank_receipts_matched",
            "select sum(amount) filter (where payment_id is not null) from {int_bank_receipts_matched}",
        ),
    },
    "leases": {
        "covered_leases": (
            "select count(*) from floor_leases where is_plain",
            "select count(*) from {dim_leases} where lease_id in (select lease_id from floor_leases where is_plain)",
        ),
        "initial_liability": (
            "select cast(sum(initial_liability_amount) as decimal(18, 2)) from"
            " (select distinct lease_id, initial_liability_amount from floor_lease_schedule)"
            " where lease_id in (select lease_id from floor_leases where is_plain)",
            "select sum(initial_liability_amount) from {dim_leases}"
            " where lease_id in (select lease_id from floor_leases where is_plain)",
        ),
        "liability_at_close": (
            "select cast(sum(liability_closing_amount) as decimal(18, 2)) from floor_lease_schedule"
            " where period_month = date '{close_period}-01'"
            " and lease_id in (select lease_id from floor_leases where is_plain)",
            "select sum(liability_closing_amount) from {fct_lease_schedule} where period_month = date '{close_period}-01'"
            " and lease_id in (select lease_id from floor_leases where is_plain)",
        ),
    },
}


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    return value


def compare_controls(floor_database: Path, warehouse: Path, relations: dict[str, str], close_period: str) -> dict:
    """Each control total from the floor and from the project, and their difference."""
    names = {name: f"p.{relation}" for name, relation in relations.items()}
    comparison: dict[str, dict] = {}
    with duckdb.connect(str(floor_database), read_only=True) as connection:
        connection.execute(f"attach '{warehouse}' as p (read_only)")
        for schedule, controls in CONTROLS.items():
            comparison[schedule] = {}
            for control, (floor_sql, project_sql) in controls.items():
                try:
                    floor_value = connection.execute(floor_sql.format(close_period=close_period)).fetchone()[0]
                    project_value = connection.execute(project_sql.format(close_period=close_period, **names)).fetchone()[0]
                except (duckdb.Error, KeyError) as error:
                    comparison[schedule][control] = {"error": str(error).splitlines()[0]}
                    continue
                difference = None
                if floor_value is not None and project_value is not None:
                    difference = floor_value - project_value
                comparison[schedule][control] = {
                    "floor": _plain(floor_value),
                    "project": _plain(project_value),
                    "difference": _plain(difference),
                    "agrees": difference == 0,
                }
    return comparison
