"""The published snapshot: atomic replacement, readers never see a mix or an error."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from infra_accounting.publish import open_snapshot, publish_snapshot

ROWS = 20_000


def make_warehouse(path: Path, version: int) -> Path:
    """A warehouse whose every row says which version of the close wrote it."""
    path.unlink(missing_ok=True)
    with duckdb.connect(str(path)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            f"create table marts.balances as select i as line_id, {version} as version, cast(i * {version} as decimal(18, 2)) as amount"
            f" from range({ROWS}) as t(i)"
        )
        connection.execute(f"create table marts.close_summary as select {version} as version, {ROWS} as line_count")
        connection.execute("create view marts.balances_view as select * from marts.balances")
    return path


def read_version(connection: duckdb.DuckDBPyConnection) -> int:
    """The version the snapshot holds; fails if its tables disagree (a half-published mix)."""
    versions = connection.execute("select distinct version from marts.balances").fetchall()
    summary = connection.execute("select version, line_count from marts.close_summary").fetchall()
    count = connection.execute("select count(*) from marts.balances_view").fetchone()[0]
    assert len(versions) == 1, versions
    assert summary == [(versions[0][0], ROWS)]
    assert count == ROWS
    return versions[0][0]


def test_publish_copies_tables_views_and_metadata(tmp_path):
    warehouse = make_warehouse(tmp_path / "close.duckdb", 1)
    snapshot = publish_snapshot(warehouse, tmp_path / "published" / "snapshot.duckdb", close_period="2026-10")
    assert snapshot == (tmp_path / "published" / "snapshot.duckdb").resolve()
    with open_snapshot(snapshot) as connection:
        assert read_version(connection) == 1
        info = connection.execute("select source_catalog, close_period from published.snapshot_info").fetchall()
        assert info == [("close", "2026-10")]
    # nothing left behind but the snapshot itself
    assert [path.name for path in (tmp_path / "published").iterdir()] == ["snapshot.duckdb"]


def test_publish_records_control_results(tmp_path):
    warehouse = make_warehouse(tmp_path / "close.duckdb", 1)
    run_results = tmp_path / "run_results.json"
    run_results.write_text(
        '{"results": [{"unique_id": "test.infra_accounting.balanced.abc", "status": "fail", "failures": 2,'
        ' "message": "Got 2 results", "relation_name": "\\"close\\".\\"control_failures\\".\\"balanced\\""},'
        ' {"unique_id": "model.infra_accounting.x", "status": "success"}]}'
    )
    manifest = tmp_path / "manifest.json"
    manifest.write_text(
        '{"nodes": {"test.infra_accounting.balanced.abc": {"name": "balanced", "config":'
        ' {"severity": "ERROR", "meta": {"control_area": "gl", "control": "Debits equal credits."}}}}}'
    )
    snapshot = publish_snapshot(warehouse, tmp_path / "snapshot.duckdb", run_results=run_results, manifest=manifest)
    with open_snapshot(snapshot) as connection:
        rows = connection.execute(
            "select control_name, status, failures, control_area, control from published.control_results"
        ).fetchall()
    assert rows == [("balanced", "fail", 2, "gl", "Debits equal credits.")]


def test_missing_warehouse_and_snapshot_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="run the close first"):
        publish_snapshot(tmp_path / "none.duckdb", tmp_path / "snapshot.duckdb")
    with pytest.raises(FileNotFoundError, match="No published snapshot"):
        open_snapshot(tmp_path / "snapshot.duckdb")


PUBLISHER = """
import sys
from pathlib import Path
import duckdb
from infra_accounting.publish import publish_snapshot
sys.path.insert(0, {tests!r})
from test_publish import make_warehouse
snapshot = Path({snapshot!r})
for round_number in range({rounds}):
    version = 2 + round_number
    publish_snapshot(make_warehouse(Path({work!r}) / "close.duckdb", version), snapshot)
print("published", {rounds})
"""


def test_readers_see_old_or_new_snapshot_never_a_mix_or_an_error(tmp_path):
    """A close publishing new snapshots (another process) while readers read all the time."""
    snapshot = publish_snapshot(make_warehouse(tmp_path / "first.duckdb", 1), tmp_path / "snapshot.duckdb")
    rounds = 6
    work = tmp_path / "work"
    work.mkdir()
    script = PUBLISHER.format(tests=str(Path(__file__).parent), snapshot=str(snapshot), rounds=rounds, work=str(work))

    held = open_snapshot(snapshot)  # a dashboard that opened the snapshot before the close
    assert read_version(held) == 1

    errors: list[BaseException] = []
    seen: dict[int, list[int]] = {0: [], 1: []}
    stop = threading.Event()

    def reader(number: int) -> None:
        while not stop.is_set():
            try:
                with open_snapshot(snapshot) as connection:
                    seen[number].append(read_version(connection))
            except BaseException as error:  # noqa: BLE001 - any error is the failure under test
                errors.append(error)
                return

    threads = [threading.Thread(target=reader, args=(number,)) for number in seen]
    for thread in threads:
        thread.start()
    try:
        completed = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=240, check=False
        )
    finally:
        time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join(timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert not errors, errors
    # the reader holding the old file keeps the old, complete close
    assert read_version(held) == 1
    held.close()
    for versions in seen.values():
        assert versions, "a reader never read"
        assert set(versions) <= set(range(1, 2 + rounds))
        assert versions == sorted(versions), "a reader went back to an older snapshot"
    assert len(set(seen[0] + seen[1])) > 1, "the readers never saw a new snapshot while the close published"
    with open_snapshot(snapshot) as connection:
        assert read_version(connection) == 1 + rounds


def test_publish_waits_for_a_writer_then_fails_clearly(tmp_path):
    warehouse = make_warehouse(tmp_path / "close.duckdb", 1)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); print('held', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(duckdb.IOException):
            publish_snapshot(warehouse, tmp_path / "snapshot.duckdb", lock_attempts=2, lock_wait_seconds=0.1)
        assert not (tmp_path / "snapshot.duckdb").exists()
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert publish_snapshot(warehouse, tmp_path / "snapshot.duckdb").exists()
