"""End to end: the dashboard served on 127.0.0.1, every page loaded in headless Chromium.

Needs Debian's chromium and chromium-driver (scripts/install-browser). Screenshots of every
page are saved as test artefacts under a temporary directory (DASHBOARD_SCREENSHOT_DIR
overrides it) and their paths printed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from infra_accounting.dashboard.browser import chromium, running_dashboard, view_page
from infra_accounting.dashboard.data import SnapshotReader
from infra_accounting.dashboard.pages import PAGES
from infra_accounting.publish import publish_snapshot

from .test_dashboard_app import PAGE_MARTS


@pytest.fixture(scope="module")
def demo_snapshot(demo_warehouse, tmp_path_factory) -> Path:
    return publish_snapshot(demo_warehouse.path, tmp_path_factory.mktemp("published") / "infra_accounting.duckdb", close_period="2026-10")


def test_every_page_loads_in_headless_chromium(demo_snapshot, tmp_path_factory):
    screenshots = Path(os.environ.get("DASHBOARD_SCREENSHOT_DIR") or tmp_path_factory.mktemp("dashboard_screenshots"))
    with SnapshotReader.open(demo_snapshot) as reader:
        present = {page: [relation for relation in marts if reader.has(relation)] for page, marts in PAGE_MARTS.items()}
        missing = {page: [relation for relation in marts if not reader.has(relation)] for page, marts in PAGE_MARTS.items()}
    views = []
    with running_dashboard(demo_snapshot) as url:
        assert url.startswith("http://127.0.0.1:")
        with chromium() as driver:
            for page in PAGES:
                views.append(view_page(driver, url, page, screenshots))
    print(f"\ndashboard screenshots: {screenshots}")
    for view in views:
        assert view.exceptions == 0, f"{view.page}: the page shows an exception"
        assert view.screenshot is not None and view.screenshot.stat().st_size > 10_000
        if present[view.page]:
            assert view.tables + view.charts > 0, f"{view.page}: marts {present[view.page]} exist but no table or chart was drawn"
        assert view.not_built >= len(missing[view.page])
    by_page = {view.page: view for view in views}
    # the close cockpit always has the controls of the run: a table and the by-area chart
    assert by_page["close"].tables >= 1 and by_page["close"].charts >= 1
