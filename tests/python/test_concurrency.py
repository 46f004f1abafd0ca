"""Readers during a build: no lock errors, no partial reads.

While `dbt build` writes the live warehouse and the close is published over the snapshot
(twice), two kinds of reader run in threads the whole time:
- an ad-hoc analyst: a plain DuckDB read-only connection to the published snapshot file;
- the dashboard: SnapshotReader and every page function of the app (the same calls the
  Streamlit pages make), on the snapshot.
Every read must succeed and be whole: the journal's line count and debit total are those of
the close, never a part of it. (Readers never open the live warehouse: DuckDB lets one
process write a file and no other process read it meanwhile, which is why the close
publishes a snapshot - infra_accounting.publish.)
"""

from __future__ import annotations

import shutil
import subprocess
import threading
import time

import duckdb

from infra_accounting.dashboard.data import Filters, SnapshotReader, filter_options
from infra_accounting.dashboard.pages import PAGES
from infra_accounting.dbt_invocation import DbtRun
from infra_accounting.publish import publish_snapshot

BUILD_SELECTION = "+dim_periods +dim_fx_rates_monthly"
JOURNAL_TOTALS = "select count(*), sum(debit_amount), sum(credit_amount) from marts.fct_journal_entries"


def _choose(label: str, options: list, key: str) -> object:
    return options[0] if options else None


def test_readers_during_a_build_and_publications(demo_warehouse, tmp_path):
    expected = demo_warehouse.query(JOURNAL_TOTALS)[0]
    snapshot = publish_snapshot(demo_warehouse.path, tmp_path / "published" / "infra_accounting.duckdb", close_period="2026-10")
    live = tmp_path / "live" / "infra_accounting.duckdb"
    live.parent.mkdir()
    shutil.copyfile(demo_warehouse.path, live)

    errors: list[str] = []
    reads = {"adhoc": 0, "dashboard": 0}
    stop = threading.Event()

    def adhoc_reader() -> None:
        while not stop.is_set():
            try:
                with duckdb.connect(str(snapshot), read_only=True) as connection:
                    totals = connection.execute(JOURNAL_TOTALS).fetchone()
                if totals != expected:
                    errors.append(f"ad-hoc read saw a partial journal: {totals} != {expected}")
                reads["adhoc"] += 1
            except Exception as error:
                errors.append(f"ad-hoc reader: {type(error).__name__}: {error}")
            stop.wait(0.1)

    def dashboard_reader() -> None:
        while not stop.is_set():
            try:
                with SnapshotReader.open(snapshot) as reader:
                    options = filter_options(reader)
                    filters = Filters(period_month=options.close_month)
                    for _, render in PAGES.values():
                        render(reader, filters, _choose)
                    totals = tuple(reader.rows(JOURNAL_TOTALS)[0])
                if totals != expected:
                    errors.append(f"dashboard read saw a partial journal: {totals} != {expected}")
                reads["dashboard"] += 1
            except Exception as error:
                errors.append(f"dashboard reader: {type(error).__name__}: {error}")
            stop.wait(0.1)

    threads = [threading.Thread(target=adhoc_reader), threading.Thread(target=dashboard_reader)]
    for thread in threads:
        thread.start()
    run = DbtRun(command="build", close_period="2026-10", target="ci", select=BUILD_SELECTION, target_path=str(tmp_path / "target"))
    build = subprocess.Popen(
        run.argv() + ["--log-path", str(tmp_path / "logs")],
        env=run.environment(INFRA_WAREHOUSE_PATH=str(live)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    publications = 0
    try:
        while build.poll() is None:
            time.sleep(2)
            if build.poll() is None and publications < 2:
                publish_snapshot(demo_warehouse.path, snapshot, close_period="2026-10")  # the close publishing meanwhile
                publications += 1
        exit_code = build.wait(timeout=900)
        publish_snapshot(live, snapshot, close_period="2026-10")  # the rebuilt close, after its build
        time.sleep(1.0)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        if build.poll() is None:
            build.kill()
            build.wait()
    assert exit_code == 0, build.stderr.read().decode(errors="replace")[-3000:]
    assert errors == []
    assert publications >= 1 and reads["adhoc"] >= 3 and reads["dashboard"] >= 1, (publications, reads)
