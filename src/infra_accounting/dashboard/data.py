"""Reading the published snapshot: which marts exist, their columns, filtered frames."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from infra_accounting.publish import open_snapshot

MONTH_COLUMNS = ("period_month", "current_month", "billing_month", "as_of_month", "report_month", "close_period_month")
ENTITY_COLUMNS = ("subsidiary_id",)
CURRENCY_COLUMNS = ("currency_code",)


@dataclass(frozen=True)
class Filters:
    """The sidebar filters: entity, month and currency (None = all)."""

    period_month: date | None = None
    subsidiary_id: str | None = None
    currency_code: str | None = None


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


class SnapshotReader:
    """Read-only access to one published snapshot (one consistent file for its lifetime)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection):
        self.connection = connection
        self._columns: dict[str, list[str]] | None = None

    @classmethod
    def open(cls, snapshot: Path | None = None) -> "SnapshotReader":
        return cls(open_snapshot(snapshot))

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "SnapshotReader":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- catalogue ---------------------------------------------------------------------
    def _catalogue(self) -> dict[str, list[str]]:
        if self._columns is None:
            rows = self.connection.execute(
                "select table_schema, table_name, column_name from information_schema.columns"
                " where table_catalog = current_database() order by table_schema, table_name, ordinal_position"
            ).fetchall()
            catalogue: dict[str, list[str]] = {}
            for schema, table, column in rows:
                catalogue.setdefault(f"{schema}.{table}", []).append(column)
            self._columns = catalogue
        return self._columns

    def has(self, relation: str) -> bool:
        return relation in self._catalogue()

    def columns(self, relation: str) -> list[str]:
        return list(self._catalogue().get(relation, []))

    def relations(self, schema: str | None = None) -> list[str]:
        return [name for name in self._catalogue() if schema is None or name.startswith(schema + ".")]

    def find(self, schema: str, *fragments: str) -> list[str]:
        """Relations in a schema whose name contains every fragment."""
        return sorted(
            name for name in self.relations(schema) if all(fragment in name.split(".", 1)[1] for fragment in fragments)
        )

    # -- queries -----------------------------------------------------------------------
    def frame(self, sql: str, parameters: list | None = None) -> pd.DataFrame:
        return self.connection.execute(sql, parameters or []).df()

    def rows(self, sql: str, parameters: list | None = None) -> list[tuple]:
        return self.connection.execute(sql, parameters or []).fetchall()

    def filtered(
        self,
        relation: str,
        filters: Filters,
        month_mode: str = "as_of",
        order_by: list[str] | None = None,
        limit: int | None = None,
        extra_where: str | None = None,
    ) -> pd.DataFrame:
        """The relation's rows under the filters.

        month_mode: 'as_of' (the selected month only), 'through' (every month up to it) or
        'none'. Filters apply only to the columns the relation has.
        """
        sql, parameters = self.filtered_sql(relation, filters, month_mode, order_by, limit, extra_where)
        return self.frame(sql, parameters)

    def filtered_sql(
        self,
        relation: str,
        filters: Filters,
        month_mode: str = "as_of",
        order_by: list[str] | None = None,
        limit: int | None = None,
        extra_where: str | None = None,
    ) -> tuple[str, list]:
        columns = self.columns(relation)
        clauses, parameters = filter_clauses(columns, filters, month_mode)
        if extra_where:
            clauses.append(f"({extra_where})")
        sql = f"select * from {relation}"
        if clauses:
            sql += " where " + " and ".join(clauses)
        order = [column for column in (order_by or default_order(columns)) if column in columns]
        if order:
            sql += " order by " + ", ".join(quote(column) for column in order)
        if limit:
            sql += f" limit {int(limit)}"
        return sql, parameters


def month_column(columns: list[str]) -> str | None:
    return next((column for column in MONTH_COLUMNS if column in columns), None)


def filter_clauses(columns: list[str], filters: Filters, month_mode: str) -> tuple[list[str], list]:
    clauses: list[str] = []
    parameters: list = []
    month = month_column(columns)
    if month and filters.period_month and month_mode in {"as_of", "through"}:
        clauses.append(f"{quote(month)} {'=' if month_mode == 'as_of' else '<='} ?")
        parameters.append(filters.period_month)
    if filters.subsidiary_id and "subsidiary_id" in columns:
        clauses.append("subsidiary_id = ?")
        parameters.append(filters.subsidiary_id)
    if filters.currency_code and "currency_code" in columns:
        clauses.append("currency_code = ?")
        parameters.append(filters.currency_code)
    return clauses, parameters


def default_order(columns: list[str]) -> list[str]:
    keys = [month_column(columns) or "", "subsidiary_id", "currency_code"]
    keys += [column for column in columns if column.endswith("_id") and column not in keys][:2]
    return [key for key in keys if key]


@dataclass(frozen=True)
class FilterOptions:
    months: list[date]
    close_month: date | None
    entities: list[str]
    currencies: list[str]


def filter_options(reader: SnapshotReader) -> FilterOptions:
    """The months up to the close period, the entities and the currencies in the snapshot."""
    months: list[date] = []
    close_month = None
    if reader.has("marts.dim_periods"):
        months = [
            row[0]
            for row in reader.rows(
                "select period_month from marts.dim_periods where not is_after_close_period order by period_month desc"
            )
        ]
        found = reader.rows("select period_month from marts.dim_periods where is_close_period")
        close_month = found[0][0] if found else (months[0] if months else None)
    entities: list[str] = []
    currencies: list[str] = []
    if reader.has("staging.stg_erp__subsidiaries"):
        entities = [row[0] for row in reader.rows("select subsidiary_id from staging.stg_erp__subsidiaries order by 1")]
        currencies = [
            row[0]
            for row in reader.rows(
                "select distinct functional_currency_code from staging.stg_erp__subsidiaries order by 1"
            )
        ]
    return FilterOptions(months=months, close_month=close_month, entities=entities, currencies=currencies)
