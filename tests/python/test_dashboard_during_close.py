"""Readers never block the close: the dashboard open while `dbt build` runs, both succeed.

The app (served on 127.0.0.1, and run through AppTest in a loop) reads the published
snapshot while a dbt build writes the warehouse; the build must finish with exit code 0,
every app run must draw without an exception, and publishing the new close afterwards must
work while a reader still holds the old snapshot (which keeps seeing the old close).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
from streamlit.testing.v1 import AppTest

from infra_accounting.dashboard.browser import running_dashboard
from infra_accounting.dbt_invocation import DbtRun
from infra_accounting.publish import open_snapshot, publish_snapshot

from .test_dashboard_app import APP

BUILD_SELECTION = "+dim_periods +stg_erp__subsidiaries +fct_revenue"


def published_at(snapshot: Path):
    with open_snapshot(snapshot) as connection:
        return connection.execute("select published_at from published.snapshot_info").fetchall()[0][0]


def test_dashboard_open_while_the_close_builds(demo_warehouse, tmp_path, monkeypatch):
    snapshot = publish_snapshot(demo_warehouse.path, tmp_path / "published" / "infra_accounting.duckdb", close_period="2026-10")
    first_publication = published_at(snapshot)
    warehouse = tmp_path / "close" / "infra_accounting.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(demo_warehouse.path, warehouse)  # the live warehouse the close rebuilds
    monkeypatch.setenv("INFRA_SNAPSHOT_PATH", str(snapshot))

    held = open_snapshot(snapshot)  # a dashboard session that opened the snapshot before the close
    runs = 0
    overlapping_runs = 0
    with running_dashboard(snapshot) as url:
        run = DbtRun(command="build", close_period="2026-10", target="ci", select=BUILD_SELECTION, target_path=str(tmp_path / "target"))
        build = subprocess.Popen(
            run.argv() + ["--log-path", str(tmp_path / "logs")],
            env=run.environment(INFRA_WAREHOUSE_PATH=str(warehouse)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            deadline = time.monotonic() + 600
            while build.poll() is None and time.monotonic() < deadline:
                for page in ("close", "revenue"):
                    app = AppTest.from_file(str(APP), default_timeout=120)
                    app.query_params["page"] = page
                    app.run()
                    assert not app.exception, [element.value for element in app.exception]
                    assert app.title[0].value
                    runs += 1
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=10) as response:
                    assert response.status == 200
                if build.poll() is None:
                    overlapping_runs += 1
            exit_code = build.wait(timeout=max(deadline - time.monotonic(), 1))
        finally:
            if build.poll() is None:
                build.kill()
                build.wait(timeout=30)
    assert exit_code == 0, build.stderr.read().decode(errors="replace")[-3000:]
    assert overlapping_runs >= 1, "the app never ran while the build was running"

    # the close publishes its result while a reader still has the old snapshot open
    publish_snapshot(warehouse, snapshot, close_period="2026-10")
    assert held.execute("select published_at from published.snapshot_info").fetchall()[0][0] == first_publication
    held.close()
    assert published_at(snapshot) > first_publication
    app = AppTest.from_file(str(APP), default_timeout=120)
    app.run()
    assert not app.exception


def test_the_live_warehouse_is_locked_while_building(tmp_path):
    """Why the snapshot exists: DuckDB does not let a reader open a file a writer holds."""
    warehouse = tmp_path / "live.duckdb"
    writer = duckdb.connect(str(warehouse))
    try:
        writer.execute("create table t as select 1 as x")
        child = subprocess.run(
            [sys.executable, "-c", f"import duckdb; duckdb.connect({str(warehouse)!r}, read_only=True)"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert child.returncode != 0 and "lock" in child.stderr.lower()
    finally:
        writer.close()
