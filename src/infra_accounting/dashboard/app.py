"""Streamlit entry point: `scripts/dashboard` (streamlit run this file).

Thin on purpose: the pages' queries and shaping live in `pages.py`, number formatting in
`formatting.py`. Each rerun opens the published snapshot read-only and closes it at the end,
so a newly published close shows on the next interaction and the live warehouse is never
touched. Page: sidebar radio or `?page=close|fixed_assets|leases|revenue|flux`.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from infra_accounting.dashboard.data import Filters, SnapshotReader, filter_options
from infra_accounting.dashboard.formatting import format_amount, is_amount_column, is_quantity_column
from infra_accounting.dashboard.pages import PAGES, Panel
from infra_accounting.publish import snapshot_path

ALL = "All"
HIGHLIGHT = "background-color: #fde2e1"


def styled(frame: pd.DataFrame, highlight_column: str | None):
    """Accountant formatting for amounts, highlighted rows where highlight_column is true."""
    formats = {}
    for column in frame.columns:
        if is_amount_column(column):
            formats[column] = format_amount
        elif is_quantity_column(column):
            formats[column] = lambda value: format_amount(value, 4)
        elif column.endswith("_rate") or column.endswith("_pct"):
            formats[column] = lambda value: format_amount(value, 8)
    dates = {
        column: (lambda value: "" if pd.isna(value) else f"{value:%Y-%m-%d}")
        for column in frame.columns
        if pd.api.types.is_datetime64_any_dtype(frame[column])
    }
    styler = frame.style.format({**formats, **dates})
    if highlight_column and highlight_column in frame.columns:
        flags = frame[highlight_column].fillna(False).astype(bool).tolist()

        def highlight(row: pd.Series) -> list[str]:
            return [HIGHLIGHT if flags[row.name] else ""] * len(row)

        styler = styler.apply(highlight, axis=1)
    return styler.set_properties(subset=list(formats), **{"text-align": "right"})


def draw(panel: Panel) -> None:
    if panel.kind == "missing":
        st.subheader(panel.title)
        st.info(panel.note)
        return
    if panel.kind == "note":
        st.subheader(panel.title)
        st.caption(panel.note)
        return
    if panel.kind == "metrics":
        columns = st.columns(len(panel.metrics))
        for column, (label, value) in zip(columns, panel.metrics):
            column.metric(label, value)
        return
    st.subheader(panel.title)
    if panel.note:
        st.caption(panel.note)
    frame = panel.frame if panel.frame is not None else pd.DataFrame()
    if panel.kind == "table":
        if not frame.empty:
            frame = frame.reset_index(drop=True)
            if len(frame) * max(len(frame.columns), 1) <= 200_000:
                st.dataframe(styled(frame, panel.highlight_column), hide_index=True, key=f"table-{panel.key}")
            else:
                st.dataframe(frame, hide_index=True, key=f"table-{panel.key}")
        return
    if panel.kind == "bar":
        st.bar_chart(frame, x=panel.x, y=panel.y, color=panel.color)
    elif panel.kind == "line":
        st.line_chart(frame, x=panel.x, y=panel.y, color=panel.color)


def sidebar_filters(reader: SnapshotReader) -> tuple[str, Filters]:
    options = filter_options(reader)
    page_keys = list(PAGES)
    requested = st.query_params.get("page", "close")
    index = page_keys.index(requested) if requested in page_keys else 0
    page = st.sidebar.radio("Page", page_keys, index=index, format_func=lambda key: PAGES[key][0], key="page")
    st.query_params["page"] = page
    months = options.months or [None]
    default = months.index(options.close_month) if options.close_month in months else 0
    month = st.sidebar.selectbox(
        "Month", months, index=default, format_func=lambda value: value.strftime("%Y-%m") if value else "-", key="month"
    )
    entity = st.sidebar.selectbox("Entity", [ALL] + options.entities, key="entity")
    currency = st.sidebar.selectbox("Currency", [ALL] + options.currencies, key="currency")
    filters = Filters(
        period_month=month if isinstance(month, date) else None,
        subsidiary_id=None if entity == ALL else entity,
        currency_code=None if currency == ALL else currency,
    )
    return page, filters


def choose(label: str, options: list, key: str) -> object:
    return st.selectbox(label, options, key=key) if options else None


def main() -> None:
    st.set_page_config(page_title="Close dashboards", layout="wide")
    path = snapshot_path()
    try:
        reader = SnapshotReader.open(path)
    except FileNotFoundError as error:
        st.title("Close dashboards")
        st.warning(str(error))
        return
    try:
        page, filters = sidebar_filters(reader)
        title, render = PAGES[page]
        st.title(title)
        info = reader.rows("select published_at, close_period from published.snapshot_info") if reader.has("published.snapshot_info") else []
        if info:
            st.caption(
                f"Published snapshot of the close{' for ' + info[0][1] if info[0][1] else ''}, "
                f"published {info[0][0]:%Y-%m-%d %H:%M} UTC. Amounts in the currency of each row (currency_code); negatives in parentheses."
            )
        for panel in render(reader, filters, choose):
            draw(panel)
    finally:
        reader.close()


main()
