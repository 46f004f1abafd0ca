"""The close summary printed after a build: controls, failures in words, key balances."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from infra_accounting.dbt_invocation import load_run_results, warehouse_path

# Key balances printed when their mart exists: (label, relation, SQL over that relation).
KEY_BALANCES: tuple[tuple[str, str, str], ...] = (
    (
        "Raw extract rows staged / set aside",
        "staging.stg_extract_row_conservation",
        "select sum(staged_row_count) || ' / ' || sum(exception_row_count) from staging.stg_extract_row_conservation",
    ),
    (
        "Fixed assets net book value (functional currency, by entity)",
        "marts.rpt_fixed_asset_rollforward",
        "select string_agg(subsidiary_id || ' ' || currency_code || ' ' || format('{:,.2f}', nbv), '; ' order by subsidiary_id)"
        " from (select subsidiary_id, currency_code, sum(net_book_value_closing_amount) as nbv"
        " from marts.rpt_fixed_asset_rollforward where period_month = (select max(period_month)"
        " from marts.rpt_fixed_asset_rollforward) group by all)",
    ),
    (
        "Lease liabilities at close (by entity)",
        "marts.fct_lease_schedule",
        "select string_agg(subsidiary_id || ' ' || format('{:,.2f}', liability), '; ' order by subsidiary_id)"
        " from (select subsidiary_id, sum(liability_closing_amount) as liability from marts.fct_lease_schedule"
        " where is_close_period group by all)",
    ),
    (
        "Deferred revenue at close",
        "marts.rpt_deferred_revenue_rollforward",
        "select format('{:,.2f}', sum(closing_amount)) from marts.rpt_deferred_revenue_rollforward where is_close_period",
    ),
    (
        "Proposed journal entries for the close month (journals / lines)",
        "marts.fct_journal_entries",
        "select count(distinct journal_id) || ' / ' || count(*) from marts.fct_journal_entries",
    ),
    (
        "Subledger-to-GL reconciliations (reconciled / explained / unreconciled)",
        "marts.rpt_subledger_to_gl_reconciliation",
        "select count(*) filter (where reconciliation_status = 'reconciled') || ' / '"
        " || count(*) filter (where reconciliation_status = 'explained') || ' / '"
        " || count(*) filter (where reconciliation_status = 'unreconciled') from marts.rpt_subledger_to_gl_reconciliation",
    ),
    (
        "Flux breaches (consolidated mom / qoq / yoy)",
        "marts.rpt_flux_analysis",
        "select string_agg(comparison || ' ' || breaches, ', ' order by comparison) from (select comparison,"
        " count(*) filter (where is_breach) as breaches from marts.rpt_flux_analysis"
        " where scope_id = 'CONSOLIDATED' group by all)",
    ),
    (
        "Prior-period catch-ups booked in the close month",
        "marts.rpt_prior_period_adjustments",
        "select count(*) || ' lines; areas: ' || coalesce(string_agg(distinct source_area, ', '), 'none')"
        " from marts.rpt_prior_period_adjustments",
    ),
)


@dataclass(frozen=True)
class ControlResult:
    name: str
    status: str
    failures: int
    message: str
    relation: str | None


def control_results(target_path: str | None = None) -> list[ControlResult]:
    results = []
    for result in load_run_results(target_path):
        unique_id = result.get("unique_id", "")
        if not unique_id.startswith("test."):
            continue
        results.append(
            ControlResult(
                name=unique_id.split(".")[2],
                status=result.get("status", ""),
                failures=int(result.get("failures") or 0),
                message=result.get("message") or "",
                relation=(result.get("relation_name") or None),
            )
        )
    return results


@dataclass(frozen=True)
class NodeError:
    """A model, seed or hook of the close's dbt run that errored: not a control, but the close
    cannot complete without it, and the controls that read it are skipped."""

    name: str
    resource_type: str
    message: str


def node_errors(target_path: str | None = None) -> list[NodeError]:
    """Every node of the run that is not a control and ended in error, with dbt's message on one line."""
    errors = []
    for result in load_run_results(target_path):
        unique_id = result.get("unique_id", "")
        if unique_id.startswith("test.") or result.get("status") != "error":
            continue
        message = " ".join((result.get("message") or "").split())
        errors.append(NodeError(name=unique_id.split(".")[-1], resource_type=unique_id.split(".")[0], message=message))
    return errors


def _failing_rows(connection: duckdb.DuckDBPyConnection, relation: str, limit: int = 10) -> list[str]:
    try:
        cursor = connection.execute(f"select * from {relation} limit {limit}")
    except duckdb.Error:
        return []
    columns = [description[0] for description in cursor.description]
    return ["; ".join(f"{column}={value}" for column, value in zip(columns, row) if value is not None) for row in cursor.fetchall()]


def _relation_exists(connection: duckdb.DuckDBPyConnection, relation: str) -> bool:
    schema, name = relation.split(".")
    found = connection.execute(
        "select count(*) from information_schema.tables where table_schema = ? and table_name = ?", [schema, name]
    ).fetchone()
    return bool(found and found[0])


def render_summary(close_period: str, target_path: str | None = None, database: Path | None = None) -> str:
    database = database or warehouse_path()
    controls = control_results(target_path)
    passed = sum(1 for control in controls if control.status == "pass")
    warned = [control for control in controls if control.status == "warn"]
    failed = [control for control in controls if control.status in ("fail", "error")]
    skipped = sum(1 for control in controls if control.status == "skipped")
    errors = node_errors(target_path)
    lines = [
        "",
        f"=== Close summary for {close_period} ===",
        f"Controls: {passed} passed, {len(failed)} failed, {len(warned)} warnings"
        + (f", {skipped} not run (their inputs failed)" if skipped else "")
        + f" (of {len(controls)})",
    ]
    if errors:
        lines.append("FAILED to build (the close stops here; the controls that read them were not run):")
        lines.extend(f"  - {error.resource_type} {error.name}: {error.message}" for error in errors)
    connection = duckdb.connect(str(database), read_only=True) if database.exists() else None
    try:
        for heading, group in (("FAILED controls (the close stops here)", failed), ("Warnings", warned)):
            if not group:
                continue
            lines.append(f"{heading}:")
            for control in group:
                lines.append(f"  - {control.name}: {control.failures or ''} {control.message}".rstrip())
                if connection is not None and control.relation:
                    for row in _failing_rows(connection, control.relation):
                        lines.append(f"      {row}")
        if connection is not None:
            lines.append("Key balances:")
            for label, relation, sql in KEY_BALANCES:
                if _relation_exists(connection, relation):
                    value = connection.execute(sql).fetchone()
                    lines.append(f"  {label}: {value[0] if value else ''}")
    finally:
        if connection is not None:
            connection.close()
    lines.append(f"Warehouse: {database}")
    if errors or failed:
        lines.append("Result: CLOSE FAILED - fix what failed above and run again.")
    else:
        lines.append("Result: close complete.")
    return "\n".join(lines)
