"""The dashboard pages as data: each page is a list of panels (a table, a chart, a note).

Page functions only query the snapshot and shape frames; `app.py` draws the panels with
Streamlit. A mart that is not in the snapshot yields a 'missing' panel ("not built yet"),
so every page works on whatever marts the close has produced. Drill-downs ask for a choice
through `choose(label, options, key)`, which the app answers with a select box and tests
answer directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from infra_accounting.dashboard.data import Filters, SnapshotReader, month_column, quote
from infra_accounting.dashboard.formatting import is_amount_column

Choose = Callable[[str, list, str], object]


@dataclass
class Panel:
    """One thing on a page. kind: table | bar | line | metrics | missing | note | choice."""

    title: str
    kind: str
    frame: pd.DataFrame | None = None
    x: str | None = None
    y: str | list[str] | None = None
    color: str | None = None
    note: str = ""
    highlight_column: str | None = None
    key: str = ""
    metrics: list[tuple[str, str]] = field(default_factory=list)


def guarded(build: Callable[[], list[Panel]]) -> list[Panel]:
    """One section of a page; a mart of an unexpected shape costs that section, not the page."""
    try:
        return build()
    except Exception as error:  # noqa: BLE001 - shown on the page instead of breaking it
        return [Panel(title="Section not available", kind="note", note=f"This section could not be drawn from the snapshot: {type(error).__name__}: {error}")]


def missing(relation: str, what: str) -> Panel:
    return Panel(
        title=what,
        kind="missing",
        note=f"Not built yet: `{relation}` is not in the published snapshot. It appears here once the close builds it.",
        key=relation,
    )


def amount_columns(columns: list[str]) -> list[str]:
    return [column for column in columns if is_amount_column(column)]


def closing_column(columns: list[str]) -> str | None:
    amounts = [column for column in amount_columns(columns) if not column.endswith("_usd")]
    closing = [column for column in amounts if "closing" in column or "ending" in column]
    preferred = [column for column in closing if any(word in column for word in ("net_book_value", "liability", "balance"))]
    return (preferred or closing or amounts or [None])[-1]


def numeric_for_chart(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Charts take floats (display only; tables and the workbook keep exact decimals)."""
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def entity_label(frame: pd.DataFrame) -> pd.Series:
    parts = [column for column in ("subsidiary_id", "currency_code") if column in frame.columns]
    if not parts:
        return pd.Series(["all"] * len(frame), index=frame.index)
    return frame[parts].astype(str).agg(" ".join, axis=1)


def trend_panel(
    reader: SnapshotReader, relation: str, filters: Filters, title: str, value: str | None = None, kind: str = "line"
) -> Panel | None:
    """A month-by-month chart of one amount per entity (functional currency) up to the month."""
    columns = reader.columns(relation)
    month = month_column(columns)
    value = value or closing_column(columns)
    if not month or not value:
        return None
    frame = reader.filtered(relation, filters, month_mode="through")
    if frame.empty:
        return Panel(title=title, kind="note", note="No rows for these filters.")
    frame["entity"] = entity_label(frame)
    chart = frame.groupby([month, "entity"], as_index=False)[value].sum()
    return Panel(title=title, kind=kind, frame=numeric_for_chart(chart, [value]), x=month, y=value, color="entity", key=f"{relation}-trend")


def table_panel(
    reader: SnapshotReader,
    relation: str,
    filters: Filters,
    title: str,
    month_mode: str = "as_of",
    highlight_column: str | None = None,
    extra_where: str | None = None,
    limit: int | None = 5000,
) -> Panel:
    frame = reader.filtered(relation, filters, month_mode=month_mode, extra_where=extra_where, limit=limit)
    note = "" if not frame.empty else "No rows for these filters."
    if highlight_column not in frame.columns:
        highlight_column = None
    return Panel(title=title, kind="table", frame=frame, note=note, highlight_column=highlight_column, key=relation)


def rollforward_panels(reader: SnapshotReader, relation: str, filters: Filters, what: str) -> list[Panel]:
    if not reader.has(relation):
        return [missing(relation, what)]
    panels = [table_panel(reader, relation, filters, f"{what}: {filters.period_month:%Y-%m}" if filters.period_month else what)]
    trend = trend_panel(reader, relation, filters, f"{what}: closing balance by month")
    if trend is not None:
        panels.append(trend)
    return panels


def first_column(columns: list[str], *candidates: str) -> str | None:
    return next((candidate for candidate in candidates if candidate in columns), None)


def flag_column(columns: list[str], *words: str) -> str | None:
    """A boolean-style column (is_/has_) whose name contains one of the words."""
    for column in columns:
        if column.startswith(("is_", "has_")) and any(word in column for word in words):
            return column
    return None


ATTENTION_PREFIXES = ("un", "fail", "error", "exception", "stale", "accepted_not", "warn", "breach", "missing")
STATUS_COLUMNS = ("reconciliation_status", "status", "match_status", "cip_status")


def attention_mask(frame: pd.DataFrame) -> tuple[pd.Series, str | None]:
    """Rows an accountant must look at: a status that is not a match/pass, or a raised flag."""
    status = first_column(list(frame.columns), *STATUS_COLUMNS)
    if status:
        values = frame[status].astype(str).str.lower()
        return values.str.startswith(ATTENTION_PREFIXES), status
    flag = flag_column(list(frame.columns), "breach", "stale", "exception", "unmatched", "accepted_not_capitalized", "not_recoverable")
    if flag:
        return frame[flag].fillna(False).astype(bool), flag
    return pd.Series([False] * len(frame), index=frame.index, dtype=bool), None


def with_attention(frame: pd.DataFrame) -> pd.DataFrame:
    mask, _ = attention_mask(frame)
    return frame.assign(needs_attention=mask.values)


# -- close cockpit ------------------------------------------------------------------------
CONTROL_COLUMNS = (
    "control_area",
    "control_name",
    "status",
    "severity",
    "exception_count",
    "is_close_blocking",
    "control_description",
    "result_message",
    "exception_relation",
    "tested_node_id",
    "close_period",
)


def _control_frame(reader: SnapshotReader, filters: Filters) -> tuple[pd.DataFrame | None, str]:
    if reader.has("marts.rpt_close_controls"):
        columns = reader.columns("marts.rpt_close_controls")
        shown = [
            column
            for column in CONTROL_COLUMNS
            if column in columns
        ] or ["*"]
        order = "status" if "status" in columns else "1"
        frame = reader.frame(
            f"select {', '.join(shown)} from marts.rpt_close_controls"
            f" order by case {order} when 'fail' then 0 when 'error' then 1 when 'warn' then 2 else 3 end, 1, 2"
        )
        if not frame.empty or not reader.has("published.control_results"):
            return frame, "marts.rpt_close_controls"
    if reader.has("published.control_results") and reader.rows("select count(*) from published.control_results")[0][0]:
        frame = reader.frame(
            "select control_area, control_name, status, failures, severity, control, message, failures_relation, tested_model"
            " from published.control_results"
            " order by case status when 'fail' then 0 when 'error' then 1 when 'warn' then 2 else 3 end, control_area, control_name"
        )
        return frame, "published.control_results"
    return None, ""


def _status_column(frame: pd.DataFrame) -> str | None:
    return first_column(list(frame.columns), "status", "control_status", "test_status")


def _failing_mask(frame: pd.DataFrame) -> pd.Series:
    status = _status_column(frame)
    if status:
        return frame[status].astype(str).str.lower().isin({"fail", "error", "warn", "failed", "warning"})
    count = first_column(list(frame.columns), "exception_count", "failures", "failure_count")
    if count:
        return pd.to_numeric(frame[count], errors="coerce").fillna(0) > 0
    return pd.Series([False] * len(frame), index=frame.index)


def close_cockpit(reader: SnapshotReader, filters: Filters, choose: Choose) -> list[Panel]:
    panels: list[Panel] = []
    controls, source = _control_frame(reader, filters)
    if controls is None:
        panels.append(missing("marts.rpt_close_controls", "Close controls"))
    else:
        status = _status_column(controls)
        failing = _failing_mask(controls)
        counts = controls[status].astype(str).str.lower().value_counts() if status else pd.Series(dtype=int)
        metrics = [
            ("Controls", f"{len(controls):,}"),
            ("Passed", f"{int(counts.get('pass', 0)) + int(counts.get('passed', 0)):,}"),
            ("Failed / errored", f"{int(sum(counts.get(k, 0) for k in ('fail', 'error', 'failed'))):,}"),
            ("Warnings", f"{int(counts.get('warn', 0)) + int(counts.get('warning', 0)):,}"),
        ]
        panels.append(Panel(title="Close controls", kind="metrics", metrics=metrics, key="control-metrics"))
        controls = controls.assign(needs_attention=failing.values)
        if status and "control_area" in controls.columns:
            by_area = controls.groupby(["control_area", status], as_index=False).size().rename(columns={"size": "controls"})
            panels.append(Panel(title="Controls by area and status", kind="bar", frame=by_area, x="control_area", y="controls", color=status, key="controls-by-area"))
        panels.append(
            Panel(
                title=f"Controls ({source})",
                kind="table",
                frame=controls,
                highlight_column="needs_attention",
                key="controls",
            )
        )
        panels.extend(guarded(lambda: _drill_down(reader, controls[failing.values], choose)))
    panels.extend(guarded(lambda: _subledger_to_gl(reader, filters)))
    panels.extend(guarded(lambda: _extract_exceptions(reader)))
    return panels


def _failures_relation(reader: SnapshotReader, row: pd.Series) -> str | None:
    for column in ("exception_relation", "failures_relation", "relation_name", "evidence_relation"):
        value = row.get(column)
        if isinstance(value, str) and value:
            return value
    name = row.get("control_name") or row.get("test_name")
    if isinstance(name, str) and reader.has(f"control_failures.{name}"):
        return f"control_failures.{quote(name)}"
    if isinstance(name, str) and reader.has("published.control_results"):
        found = reader.rows(
            "select failures_relation from published.control_results where control_name = ? limit 1", [name]
        )
        if found and found[0][0]:
            return found[0][0]
    return None


def _drill_down(reader: SnapshotReader, failing: pd.DataFrame, choose: Choose) -> list[Panel]:
    if failing.empty:
        return [Panel(title="Exception rows", kind="note", note="Every control passed: no exception rows to show.")]
    name_column = first_column(list(failing.columns), "control_name", "test_name", "control")
    names = [str(name) for name in failing[name_column].tolist()] if name_column else []
    chosen = choose("Drill down to a control's exception rows", names, "control-drilldown")
    row = failing[failing[name_column].astype(str) == str(chosen)].iloc[0] if chosen in names else failing.iloc[0]
    relation = _failures_relation(reader, row)
    sentence = next((row.get(c) for c in ("control_description", "control") if isinstance(row.get(c), str)), "")
    if not relation:
        return [Panel(title=f"Exception rows: {chosen}", kind="note", note="This control stored no failing rows.")]
    try:
        frame = reader.frame(f"select * from {relation} limit 1000")
    except Exception as error:  # the relation may not have been stored (a control that errored)
        return [Panel(title=f"Exception rows: {chosen}", kind="note", note=f"No stored rows ({type(error).__name__}).")]
    return [Panel(title=f"Exception rows: {chosen}", kind="table", frame=frame, note=sentence, key="control-failures")]


def _subledger_to_gl(reader: SnapshotReader, filters: Filters) -> list[Panel]:
    relation = "marts.rpt_subledger_to_gl_reconciliation"
    if not reader.has(relation):
        return [missing(relation, "Subledger to GL")]
    frame = with_attention(reader.filtered(relation, filters, month_mode="as_of"))
    status = first_column(list(frame.columns), *STATUS_COLUMNS)
    metrics = [("Reconciliations", f"{len(frame):,}"), ("Not reconciled", f"{int(frame['needs_attention'].sum()):,}")]
    if status:
        counts = frame[status].astype(str).value_counts()
        metrics += [(f"Status: {name}", f"{int(count):,}") for name, count in counts.items() if name != "unreconciled"][:2]
    panels = [
        Panel(title="Subledger to GL", kind="metrics", metrics=metrics, key="sl-gl-metrics"),
        Panel(title="Subledger to GL reconciliation (unreconciled lines highlighted)", kind="table", frame=frame, highlight_column="needs_attention", key=relation),
    ]
    items = "marts.rpt_reconciling_items"
    if reader.has(items):
        panels.append(table_panel(reader, items, filters, "Reconciling items (explanations)", month_mode="none"))
    return panels


def _extract_exceptions(reader: SnapshotReader) -> list[Panel]:
    relation = "staging.stg_extract_exceptions"
    if not reader.has(relation):
        return []
    columns = reader.columns(relation)
    group = [column for column in ("source_name", "extract_name", "severity") if column in columns]
    if not group:
        return []
    frame = reader.frame(
        f"select {', '.join(group)}, count(*) as exception_rows from {relation} group by all order by all"
    )
    return [Panel(title="Extract rows set aside in staging", kind="table", frame=frame, key=relation)]


# -- fixed assets -------------------------------------------------------------------------
def fixed_assets(reader: SnapshotReader, filters: Filters, choose: Choose) -> list[Panel]:
    panels = guarded(lambda: rollforward_panels(reader, "marts.rpt_fixed_asset_rollforward", filters, "Fixed asset roll-forward"))
    panels.extend(guarded(lambda: _additions_by_class(reader, filters)))
    panels.extend(guarded(lambda: _cip_aging(reader, filters)))
    panels.extend(guarded(lambda: rollforward_panels(reader, "marts.rpt_cip_rollforward", filters, "CIP roll-forward")))
    return panels


def _additions_by_class(reader: SnapshotReader, filters: Filters) -> list[Panel]:
    relation = "marts.rpt_fixed_asset_rollforward"
    columns = reader.columns(relation)
    additions = next((column for column in amount_columns(columns) if "addition" in column and "cost" in column), None)
    additions = additions or next((column for column in amount_columns(columns) if "addition" in column), None)
    month = month_column(columns)
    if not columns or not additions or "asset_class_code" not in columns or not month:
        return []
    year_start = filters.period_month.replace(month=1) if filters.period_month else None
    frame = reader.filtered(
        relation,
        filters,
        month_mode="through",
        extra_where=f"{quote(month)} >= DATE '{year_start.isoformat()}'" if year_start else None,
    )
    if frame.empty:
        return []
    frame["entity"] = entity_label(frame)
    chart = frame.groupby(["asset_class_code", "entity"], as_index=False)[additions].sum()
    return [
        Panel(
            title="Additions by asset class, year to date (functional currency)",
            kind="bar",
            frame=numeric_for_chart(chart, [additions]),
            x="asset_class_code",
            y=additions,
            color="entity",
            key="additions-by-class",
        )
    ]


def _cip_aging(reader: SnapshotReader, filters: Filters) -> list[Panel]:
    relation = "marts.rpt_cip_aging"
    if not reader.has(relation):
        return [missing(relation, "CIP aging")]
    columns = reader.columns(relation)
    frame = reader.filtered(relation, filters, month_mode="as_of")
    flags = [column for column in ("is_stale", "is_accepted_not_capitalized") if column in frame.columns]
    if flags:
        frame["needs_attention"] = frame[flags].fillna(False).astype(bool).any(axis=1)
    else:
        frame = with_attention(frame)
    panels = [
        Panel(
            title="CIP aging (stale projects and accepted projects not yet capitalized highlighted)",
            kind="table",
            frame=frame,
            highlight_column="needs_attention",
            key=relation,
        )
    ]
    if not frame.empty:
        stale = int(frame["is_stale"].fillna(False).astype(bool).sum()) if "is_stale" in frame.columns else int(frame["needs_attention"].sum())
        metrics = [("Projects", f"{len(frame):,}"), ("Stale", f"{stale:,}")]
        if "is_accepted_not_capitalized" in frame.columns:
            metrics.append(("Accepted, not capitalized", f"{int(frame['is_accepted_not_capitalized'].fillna(False).astype(bool).sum()):,}"))
        panels.insert(0, Panel(title="CIP", kind="metrics", metrics=metrics, key="cip-metrics"))
    bucket = first_column(columns, "aging_bucket", "age_bucket", "bucket")
    amount = next((column for column in amount_columns(columns) if "balance" in column or "closing" in column), None)
    if bucket and amount and not frame.empty:
        chart = frame[frame[amount].fillna(0) != 0].copy()
        chart["project"] = chart["project_id"].astype(str) + " " + chart.get("currency_code", "").astype(str) if "project_id" in chart.columns else entity_label(chart)
        chart = chart.groupby([bucket, "project"], as_index=False)[amount].sum()
        panels.append(Panel(title="CIP balance by age bucket and project (functional currency)", kind="bar", frame=numeric_for_chart(chart, [amount]), x=bucket, y=amount, color="project", key="cip-aging-chart"))
    return panels


# -- leases -------------------------------------------------------------------------------
def leases(reader: SnapshotReader, filters: Filters, choose: Choose) -> list[Panel]:
    panels = guarded(lambda: _maturity(reader, filters))
    panels.extend(guarded(lambda: rollforward_panels(reader, "marts.rpt_lease_liability_rollforward", filters, "Lease liability roll-forward")))
    panels.extend(guarded(lambda: rollforward_panels(reader, "marts.rpt_rou_rollforward", filters, "ROU asset roll-forward")))
    panels.extend(guarded(lambda: _lease_cost(reader, filters)))
    panels.extend(guarded(lambda: _lease_drill_down(reader, filters, choose)))
    return panels


def _maturity(reader: SnapshotReader, filters: Filters) -> list[Panel]:
    relation = "marts.rpt_lease_maturity_analysis"
    if not reader.has(relation):
        return [missing(relation, "Lease maturity analysis")]
    panel = table_panel(reader, relation, filters, "Lease maturity analysis (undiscounted payments)")
    panels = [panel]
    columns = reader.columns(relation)
    bucket = first_column(columns, "maturity_bucket", "maturity_year", "year_label", "bucket", "fiscal_year", "period_label")
    amount = first_column(columns, "undiscounted_payment_amount", "payment_amount", "undiscounted_amount")
    amount = amount or next(iter(amount_columns(columns)), None)
    if bucket and amount and panel.frame is not None and not panel.frame.empty:
        frame = panel.frame.copy()
        order = first_column(columns, "maturity_bucket_order", "bucket_order")
        if order:
            frame[bucket] = frame[order].astype(int).astype(str) + " " + frame[bucket].astype(str)
        label = entity_label(frame)
        frame["series"] = (frame["classification"].astype(str) + " " + label) if "classification" in frame.columns else label
        chart = frame.groupby([bucket, "series"], as_index=False)[amount].sum()
        panels.insert(0, Panel(title="Maturity ladder", kind="bar", frame=numeric_for_chart(chart, [amount]), x=bucket, y=amount, color="series", key="maturity-ladder"))
    return panels


def _lease_cost(reader: SnapshotReader, filters: Filters) -> list[Panel]:
    relation = "marts.rpt_lease_cost_disclosure"
    schedule = "marts.fct_lease_schedule"
    panels: list[Panel] = []
    if reader.has(schedule) and {"classification", "lease_cost_amount"} <= set(reader.columns(schedule)):
        frame = reader.filtered(schedule, filters, month_mode="through")
        if not frame.empty:
            frame["series"] = frame["classification"].astype(str) + " " + entity_label(frame)
            chart = frame.groupby(["period_month", "series"], as_index=False)["lease_cost_amount"].sum()
            panels.append(Panel(title="Lease cost by classification, by month (functional currency)", kind="bar", frame=numeric_for_chart(chart, ["lease_cost_amount"]), x="period_month", y="lease_cost_amount", color="series", key="lease-cost-chart"))
    if reader.has(relation):
        panels.append(table_panel(reader, relation, filters, "Lease cost disclosure (ASC 842-20-50-4), by fiscal year", month_mode="none"))
    else:
        panels.append(missing(relation, "Lease cost disclosure"))
    return panels


def _lease_drill_down(reader: SnapshotReader, filters: Filters, choose: Choose) -> list[Panel]:
    schedule = "marts.fct_lease_schedule"
    if not reader.has(schedule):
        return [missing(schedule, "Lease schedule drill-down")]
    clauses = []
    parameters: list = []
    columns = reader.columns(schedule)
    if filters.subsidiary_id and "subsidiary_id" in columns:
        clauses.append("subsidiary_id = ?")
        parameters.append(filters.subsidiary_id)
    if filters.currency_code and "currency_code" in columns:
        clauses.append("currency_code = ?")
        parameters.append(filters.currency_code)
    where = (" where " + " and ".join(clauses)) if clauses else ""
    lease_ids = [row[0] for row in reader.rows(f"select distinct lease_id from {schedule}{where} order by 1", parameters)]
    if not lease_ids:
        return [Panel(title="Lease drill-down", kind="note", note="No leases for these filters.")]
    chosen = choose("Lease for the drill-down at the bottom of the page", lease_ids, "lease-drilldown")
    chosen = chosen if chosen in lease_ids else lease_ids[0]
    panels = []
    if reader.has("marts.dim_leases"):
        panels.append(Panel(title=f"Lease {chosen}", kind="table", frame=reader.frame("select * from marts.dim_leases where lease_id = ?", [chosen]), key="dim-lease"))
    month_filter = " and period_month <= ?" if filters.period_month else ""
    frame = reader.frame(
        f"select * from {schedule} where lease_id = ?{month_filter} order by period_month",
        [chosen] + ([filters.period_month] if filters.period_month else []),
    )
    panels.append(Panel(title=f"Lease {chosen}: schedule to the selected month", kind="table", frame=frame, key="lease-schedule"))
    lines = [column for column in ("liability_closing_amount", "rou_closing_amount") if column in frame.columns]
    if lines:
        chart = frame[["period_month"] + lines]
        panels.append(Panel(title=f"Lease {chosen}: liability and ROU asset", kind="line", frame=numeric_for_chart(chart, lines), x="period_month", y=lines, key="lease-chart"))
    return panels


# -- revenue ------------------------------------------------------------------------------
def _revenue_frame(reader: SnapshotReader, filters: Filters) -> pd.DataFrame | None:
    relation = "marts.fct_revenue"
    if not reader.has(relation):
        return None
    columns = reader.columns(relation)
    contracts = reader.has("staging.stg_crm__contracts")
    skus = reader.has("staging.stg_metering__skus")
    select = ["revenue.*"]
    joins = []
    if contracts:
        joins.append("left join staging.stg_crm__contracts as contracts on revenue.contract_id = contracts.contract_id")
        for column in ("contract_type", "subsidiary_id", "currency_code"):
            if column not in columns:
                select.append(f"contracts.{column}")
    if skus and "sku" in columns and "unit" not in columns:
        joins.append("left join staging.stg_metering__skus as skus on revenue.sku = skus.sku")
        select.append("skus.unit")
    inner = f"select {', '.join(select)} from {relation} as revenue {' '.join(joins)}"
    all_columns = columns + [part.split(".")[1] for part in select[1:]]
    if reader.has("marts.dim_fx_rates_monthly") and "currency_code" in all_columns:
        # Reporting-currency view for charts across entities: the month's average rate (ASC 830-30-45-3).
        translated = [
            f"cast(round(revenue.{column} * coalesce(rates.average_rate, case when revenue.currency_code = 'USD' then 1 end), 2)"
            f" as decimal(18, 2)) as {column.replace('_amount', '_usd_amount')}"
            for column in ("revenue_amount", "breakage_amount")
            if column in columns
        ]
        inner = (
            f"select revenue.*, {', '.join(translated)} from ({inner}) as revenue"
            " left join marts.dim_fx_rates_monthly as rates on rates.period_month = revenue.period_month"
            " and rates.from_currency = revenue.currency_code and rates.to_currency = 'USD'"
        )
    from infra_accounting.dashboard.data import filter_clauses

    clauses, parameters = filter_clauses(all_columns, filters, "through")
    where = (" where " + " and ".join(clauses)) if clauses else ""
    return reader.frame(f"select * from ({inner}){where}", parameters)


def revenue(reader: SnapshotReader, filters: Filters, choose: Choose) -> list[Panel]:
    panels: list[Panel] = []
    frame = _revenue_frame(reader, filters)
    if frame is None:
        panels.append(missing("marts.fct_revenue", "Revenue by month and contract type"))
    elif frame.empty:
        panels.append(Panel(title="Revenue", kind="note", note="No revenue rows for these filters."))
    else:
        kind = "contract_type" if "contract_type" in frame.columns else None
        group = ["period_month"] + ([kind] if kind else [])
        single_currency = "currency_code" not in frame.columns or frame["currency_code"].nunique() <= 1
        value = "revenue_amount" if single_currency or "revenue_usd_amount" not in frame.columns else "revenue_usd_amount"
        unit = frame["currency_code"].iloc[0] if single_currency and "currency_code" in frame.columns else "USD at each month's average rate"
        by_month = frame.groupby(group, as_index=False)[value].sum()
        panels.append(Panel(title=f"Revenue by month and contract type ({unit})", kind="bar", frame=numeric_for_chart(by_month, [value]), x="period_month", y=value, color=kind, key="revenue-chart"))
        if "usage_quantity" in frame.columns and "unit" in frame.columns:
            gpu = frame[frame["unit"] == "gpu_hour"]
            hours = gpu.groupby(group, as_index=False)["usage_quantity"].sum().rename(columns={"usage_quantity": "gpu_hours"})
            panels.append(Panel(title="GPU-hours by month and contract type", kind="bar", frame=numeric_for_chart(hours, ["gpu_hours"]), x="period_month", y="gpu_hours", color=kind, key="gpu-hours-chart"))
        month = frame[frame["period_month"] == pd.Timestamp(filters.period_month)] if filters.period_month else frame
        summary_columns = [column for column in ("usage_quantity", "billed_amount", "revenue_amount", "breakage_amount", "deferred_revenue_closing_amount") if column in month.columns]
        keys = [column for column in (kind, "subsidiary_id", "currency_code") if column and column in month.columns]
        if keys and summary_columns:
            summary = month.groupby(keys, as_index=False)[summary_columns].sum()
            panels.append(Panel(title="The month by contract type", kind="table", frame=summary, key="revenue-month"))
        panels.extend(guarded(lambda: _prepaid(frame, filters)))
    panels.extend(guarded(lambda: rollforward_panels(reader, "marts.rpt_deferred_revenue_rollforward", filters, "Deferred revenue roll-forward")))
    panels.extend(guarded(lambda: _usage_to_cash(reader, filters)))
    if reader.has("marts.rpt_ar_aging"):
        panels.append(table_panel(reader, "marts.rpt_ar_aging", filters, "AR aging"))
    return panels


def _prepaid(frame: pd.DataFrame, filters: Filters) -> list[Panel]:
    if "contract_type" not in frame.columns:
        return []
    prepaid = frame[frame["contract_type"] == "prepaid_credits"]
    if prepaid.empty:
        return [Panel(title="Prepaid credits and breakage", kind="note", note="No prepaid-credit contracts for these filters.")]
    values = [column for column in ("revenue_amount", "breakage_amount", "deferred_revenue_closing_amount") if column in prepaid.columns]
    keys = [column for column in ("contract_id", "customer_id", "subsidiary_id", "currency_code") if column in prepaid.columns]
    totals = prepaid.groupby(keys, as_index=False)[[c for c in values if c != "deferred_revenue_closing_amount"]].sum()
    totals = totals.rename(columns={"revenue_amount": "revenue_to_date_amount", "breakage_amount": "breakage_to_date_amount"})
    if "deferred_revenue_closing_amount" in prepaid.columns:
        last_month = prepaid[prepaid["period_month"] == prepaid["period_month"].max()]
        latest = last_month.groupby("contract_id", as_index=False)["deferred_revenue_closing_amount"].sum()
        totals = totals.merge(latest.rename(columns={"deferred_revenue_closing_amount": "unused_credit_balance_amount"}), on="contract_id", how="left")
    usd = "revenue_usd_amount" in prepaid.columns and "currency_code" in prepaid.columns and prepaid["currency_code"].nunique() > 1
    measures = [c for c in (("revenue_usd_amount", "breakage_usd_amount") if usd else ("revenue_amount", "breakage_amount")) if c in prepaid.columns]
    by_month = prepaid.groupby("period_month", as_index=False)[measures].sum()
    return [
        Panel(title="Prepaid credits: drawdown and breakage by month" + (" (USD)" if usd else ""), kind="bar", frame=numeric_for_chart(by_month, measures), x="period_month", y=measures, key="prepaid-chart"),
        Panel(title="Prepaid credits by contract (to the selected month)", kind="table", frame=totals, key="prepaid-table"),
    ]


USAGE_TO_CASH = ("marts.rpt_usage_to_invoice_reconciliation", "marts.rpt_invoice_to_cash_reconciliation")


def _usage_to_cash(reader: SnapshotReader, filters: Filters) -> list[Panel]:
    panels: list[Panel] = []
    summary = "marts.rpt_revenue_three_way_summary"
    if reader.has(summary):
        frame = reader.filtered(summary, filters, month_mode="through")
        currency = filters.currency_code or ("USD" if "currency_code" in frame.columns else None)
        if currency and "currency_code" in frame.columns:
            frame = frame[frame["currency_code"] == currency]
        measures = [column for column in ("metered_amount", "billed_amount", "recognized_amount", "collected_amount") if column in frame.columns]
        if measures and not frame.empty:
            chart = frame.groupby("period_month", as_index=False)[measures].sum()
            panels.append(Panel(title=f"Usage to invoice to cash by month ({currency or 'all currencies'})", kind="line", frame=numeric_for_chart(chart, measures), x="period_month", y=measures, key="three-way-chart"))
    relations = [relation for relation in USAGE_TO_CASH if reader.has(relation)]
    relations += [
        relation
        for relation in reader.relations("marts")
        if relation not in relations
        and relation.split(".")[1].startswith("rpt_")
        and relation.endswith("_reconciliation")
        and any(word in relation for word in ("usage", "invoice", "cash", "billing"))
    ]
    if not relations:
        return panels + [missing(USAGE_TO_CASH[0], "Usage to invoice to cash")]
    for relation in relations:
        columns = reader.columns(relation)
        extra = None
        if not month_column(columns) and "posted_date" in columns and filters.period_month:
            extra = f"date_trunc('month', posted_date) = DATE '{filters.period_month.isoformat()}'"
        frame = reader.filtered(relation, filters, month_mode="as_of", extra_where=extra, limit=5000)
        frame = with_attention(frame)
        name = relation.split(".")[1]
        status = first_column(list(frame.columns), *STATUS_COLUMNS)
        if status and not frame.empty:
            counts = frame[status].astype(str).value_counts()
            panels.append(Panel(title=f"{name}: status", kind="metrics", metrics=[(label, f"{int(count):,}") for label, count in counts.items()][:6], key=f"{name}-metrics"))
        exceptions = frame[frame["needs_attention"]]
        panels.append(Panel(title=f"Exceptions: {name} ({len(exceptions):,})", kind="table" if not exceptions.empty else "note", frame=exceptions, note="" if not exceptions.empty else "No exceptions for these filters.", key=f"{relation}-exceptions"))
        panels.append(Panel(title=f"{name} (the month)", kind="table", frame=frame, highlight_column="needs_attention", key=relation))
    return panels


# -- flux ---------------------------------------------------------------------------------
def flux(reader: SnapshotReader, filters: Filters, choose: Choose) -> list[Panel]:
    relation = "marts.rpt_flux_analysis"
    if not reader.has(relation):
        return [missing(relation, "Flux analysis")]
    columns = reader.columns(relation)
    extra = []
    if "scope_id" in columns:
        scopes = [row[0] for row in reader.rows(f"select distinct scope_id from {relation} order by 1")]
        scope = filters.subsidiary_id if filters.subsidiary_id in scopes else ("CONSOLIDATED" if "CONSOLIDATED" in scopes else None)
        if scope:
            extra.append(f"scope_id = '{scope}'")
    if "comparison" in columns:
        comparisons = [row[0] for row in reader.rows(f"select distinct comparison from {relation} order by 1")]
        preferred = [value for value in ("mom", "qoq", "yoy") if value in comparisons] + [value for value in comparisons if value not in ("mom", "qoq", "yoy")]
        comparison = choose("Comparison", preferred, "flux-comparison")
        if comparison in comparisons:
            extra.append(f"comparison = '{comparison}'")
    breach = flag_column(columns, "breach", "exceed", "threshold", "significant")
    frame = reader.filtered(relation, filters, month_mode="as_of", extra_where=" and ".join(extra) or None)
    panels = []
    variance = next((column for column in amount_columns(columns) if "variance" in column or "change" in column), None)
    account = first_column(columns, "account_number", "line_item")
    if breach and not frame.empty:
        breaches = frame[frame[breach].fillna(False).astype(bool)]
        panels.append(Panel(title="Flux", kind="metrics", metrics=[("Lines", f"{len(frame):,}"), ("Breaches", f"{len(breaches):,}")], key="flux-metrics"))
        keep = [
            column
            for column in ("scope_id", "comparison", "account_number", "account_name", "currency_code", "current_amount", "comparison_amount", "variance_amount", "variance_pct", "threshold_amount", "threshold_pct", "explanation", "driver_total_amount")
            if column in breaches.columns
        ] or list(breaches.columns)
        if variance and account and not breaches.empty:
            chart = breaches.copy()
            chart["line"] = chart[account].astype(str) + (" " + chart["account_name"].astype(str).str.slice(0, 28) if "account_name" in chart.columns else "")
            panels.append(Panel(title="Breach variances by account", kind="bar", frame=numeric_for_chart(chart[["line", variance]], [variance]), x="line", y=variance, key="flux-chart"))
        panels.append(Panel(title=f"Breaches and their driver explanations ({len(breaches):,})", kind="table", frame=breaches[keep], key="flux-breaches"))
        drivers = "marts.rpt_flux_drivers"
        if reader.has(drivers) and not breaches.empty and {"scope_id", "account_number", "comparison"} <= set(reader.columns(drivers)):
            accounts = breaches["account_number"].astype(str).tolist()
            chosen = choose("Drivers of a breach (account)", accounts, "flux-driver-account")
            chosen = chosen if chosen in accounts else accounts[0]
            row = breaches[breaches["account_number"].astype(str) == chosen].iloc[0]
            detail = reader.frame(
                f"select * from {drivers} where scope_id = ? and account_number = ? and comparison = ? order by abs(driver_amount) desc",
                [row["scope_id"], chosen, row["comparison"]],
            ) if "driver_amount" in reader.columns(drivers) else pd.DataFrame()
            panels.append(Panel(title=f"Drivers of account {chosen} ({row['scope_id']}, {row['comparison']})", kind="table", frame=detail, note=str(row.get("explanation") or ""), key="flux-drivers"))
    panels.append(Panel(title="Flux analysis (breaches highlighted)", kind="table", frame=frame, highlight_column=breach, key=relation))
    return panels


PAGES: dict[str, tuple[str, Callable[[SnapshotReader, Filters, Choose], list[Panel]]]] = {
    "close": ("Close cockpit", close_cockpit),
    "fixed_assets": ("Fixed assets", fixed_assets),
    "leases": ("Leases", leases),
    "revenue": ("Revenue", revenue),
    "flux": ("Flux", flux),
}


def first_choice(label: str, options: list, key: str) -> object:
    """The `choose` used outside the app: the first option."""
    return options[0] if options else None
