"""Every dashboard page on the demo close, through Streamlit's headless test API (AppTest).

The demo warehouse (built once per session by conftest's `demo_warehouse`) is published to a
temporary snapshot, as the close publishes it; the app reads only that snapshot.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from infra_accounting.dashboard import pages
from infra_accounting.dashboard.data import Filters, SnapshotReader, filter_options
from infra_accounting.publish import publish_snapshot

APP = Path(pages.__file__).with_name("app.py")
CLOSE_MONTH = date(2026, 10, 1)

# Per page: the marts whose presence means a table or chart must be drawn.
PAGE_MARTS = {
    "close": ["marts.rpt_close_controls", "marts.rpt_subledger_to_gl_reconciliation"],
    "fixed_assets": ["marts.rpt_fixed_asset_rollforward", "marts.rpt_cip_aging", "marts.rpt_cip_rollforward"],
    "leases": [
        "marts.rpt_lease_maturity_analysis",
        "marts.rpt_lease_liability_rollforward",
        "marts.rpt_rou_rollforward",
        "marts.rpt_lease_cost_disclosure",
        "marts.fct_lease_schedule",
    ],
    "revenue": ["marts.fct_revenue", "marts.rpt_deferred_revenue_rollforward"],
    "flux": ["marts.rpt_flux_analysis"],
}


@pytest.fixture(scope="module")
def demo_snapshot(demo_warehouse, tmp_path_factory) -> Path:
    return publish_snapshot(demo_warehouse.path, tmp_path_factory.mktemp("published") / "infra_accounting.duckdb", close_period="2026-10")


def run_page(snapshot: Path, monkeypatch, page: str, **widgets) -> AppTest:
    monkeypatch.setenv("INFRA_SNAPSHOT_PATH", str(snapshot))
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.query_params["page"] = page
    app.run()
    for key, value in widgets.items():
        app.selectbox(key=key).set_value(value)
        app.run()
    return app


@pytest.mark.parametrize("page", list(pages.PAGES))
def test_page_renders_its_marts_or_says_not_built(demo_snapshot, monkeypatch, page):
    app = run_page(demo_snapshot, monkeypatch, page)
    assert not app.exception, [element.value for element in app.exception]
    assert [title.value for title in app.title] == [pages.PAGES[page][0]]
    assert app.caption[0].value.startswith("Published snapshot of the close for 2026-10")
    with SnapshotReader.open(demo_snapshot) as reader:
        present = [relation for relation in PAGE_MARTS[page] if reader.has(relation)]
        absent = [relation for relation in PAGE_MARTS[page] if not reader.has(relation)]
    notes = " ".join(info.value for info in app.info)
    for relation in absent:
        assert f"Not built yet: `{relation}`" in notes
    for relation in present:
        assert f"`{relation}`" not in notes
    assert "Section not available" not in [subheader.value for subheader in app.subheader]
    drawn = len(app.dataframe) + len(app.get("vega_lite_chart"))
    if present:
        assert drawn > 0, f"{page}: marts {present} exist but nothing was drawn"
    # the sidebar filters exist on every page
    assert {box.key for box in app.sidebar.selectbox} >= {"month", "entity", "currency"}


def test_filters_offer_the_demo_entities_months_and_currencies(demo_snapshot):
    with SnapshotReader.open(demo_snapshot) as reader:
        options = filter_options(reader)
    assert options.entities == ["IE01", "UK01", "US01"]
    assert options.currencies == ["EUR", "GBP", "USD"]
    assert options.close_month == CLOSE_MONTH
    assert options.months[0] == CLOSE_MONTH and options.months[-1] == date(2025, 1, 1)


def test_entity_filter_narrows_the_revenue_page(demo_snapshot, monkeypatch):
    with SnapshotReader.open(demo_snapshot) as reader:
        if not reader.has("marts.fct_revenue"):
            pytest.skip("fct_revenue not built yet")
        frame = reader.filtered("marts.fct_revenue", Filters(period_month=CLOSE_MONTH, subsidiary_id="UK01"), month_mode="through")
        assert set(frame["subsidiary_id"]) == {"UK01"}
        assert frame["period_month"].max() <= __import__("pandas").Timestamp(CLOSE_MONTH)
    app = run_page(demo_snapshot, monkeypatch, "revenue", entity="UK01")
    assert not app.exception
    month_table = next(frame for frame in (element.value for element in app.dataframe) if "contract_type" in getattr(frame, "data", frame).columns)
    data = getattr(month_table, "data", month_table)
    assert set(data["subsidiary_id"]) == {"UK01"}
    with SnapshotReader.open(demo_snapshot) as reader:
        currencies = {row[0] for row in reader.rows(
            "select distinct currency_code from marts.fct_revenue where subsidiary_id = 'UK01' and period_month = ?", [CLOSE_MONTH]
        )}
    assert set(data["currency_code"]) == currencies  # GBP, and USD for CT-0007 (RV-9)


def test_revenue_month_table_ties_to_fct_revenue(demo_snapshot):
    """The page's month summary adds up to the mart for the month, to the cent."""
    with SnapshotReader.open(demo_snapshot) as reader:
        if not reader.has("marts.fct_revenue"):
            pytest.skip("fct_revenue not built yet")
        panels = pages.revenue(reader, Filters(period_month=CLOSE_MONTH), pages.first_choice)
        expected = reader.rows(
            "select currency_code, sum(revenue_amount) from marts.fct_revenue where period_month = ? group by 1 order by 1",
            [CLOSE_MONTH],
        )
    summary = next(panel.frame for panel in panels if panel.key == "revenue-month")
    got = summary.groupby("currency_code")["revenue_amount"].sum()
    for currency, amount in expected:
        assert round(float(got[currency]), 2) == pytest.approx(float(amount), abs=0.005)


def test_close_cockpit_drills_down_to_exception_rows(demo_snapshot):
    with SnapshotReader.open(demo_snapshot) as reader:
        if not reader.has("marts.rpt_close_controls"):
            pytest.skip("rpt_close_controls not built yet")
        panels = pages.close_cockpit(reader, Filters(period_month=CLOSE_MONTH), pages.first_choice)
        failing = reader.rows(
            "select control_name, exception_relation, exception_count from marts.rpt_close_controls"
            " where status in ('fail', 'warn', 'error') and exception_relation is not null"
            " order by case status when 'fail' then 0 when 'error' then 1 else 2 end, control_area, control_name"
        )
    controls = next(panel for panel in panels if panel.key == "controls")
    assert controls.frame["status"].notna().all()
    if not failing:
        assert any(panel.title == "Exception rows" and "Every control passed" in panel.note for panel in panels)
        return
    drill = next(panel for panel in panels if panel.key == "control-failures")
    assert len(drill.frame) == min(failing[0][2], 1000) or len(drill.frame) > 0


def test_missing_snapshot_is_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setenv("INFRA_SNAPSHOT_PATH", str(tmp_path / "none.duckdb"))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception
    assert "No published snapshot" in app.warning[0].value


def test_pages_on_a_close_without_subledger_marts_say_not_built(tmp_path, monkeypatch):
    """An early close (only the calendar and the entities built): every page works and names
    each missing mart instead of failing."""
    import duckdb

    warehouse = tmp_path / "early.duckdb"
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema marts")
        connection.execute("create schema staging")
        connection.execute(
            "create table marts.dim_periods as select cast(range as date) as period_month,"
            " cast(range as date) = DATE '2026-10-01' as is_close_period, cast(range as date) > DATE '2026-10-01' as is_after_close_period"
            " from range(DATE '2025-01-01', DATE '2027-01-01', INTERVAL 1 MONTH)"
        )
        connection.execute(
            "create table staging.stg_erp__subsidiaries as select * from (values ('US01', 'USD'), ('UK01', 'GBP'))"
            " as t(subsidiary_id, functional_currency_code)"
        )
    snapshot = publish_snapshot(warehouse, tmp_path / "snapshot.duckdb", close_period="2026-10")
    for page, marts in PAGE_MARTS.items():
        app = run_page(snapshot, monkeypatch, page)
        assert not app.exception, [element.value for element in app.exception]
        notes = " ".join(info.value for info in app.info)
        for relation in marts:
            if relation in ("marts.fct_lease_schedule",):
                continue  # the lease drill-down names it; the cost chart simply has no data
            assert f"Not built yet: `{relation}`" in notes, (page, relation)
