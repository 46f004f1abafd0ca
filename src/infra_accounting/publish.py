"""Publish a read-only snapshot of the warehouse for readers (dashboards, exports).

DuckDB lets one process write a database file, and a writer cannot open a file that a
reader holds (nor a reader one that a writer holds). So readers never open the live
warehouse: at the end of a successful close the warehouse is copied into a temporary file
beside the snapshot and moved over it with `os.replace`, which is atomic on POSIX and
Windows. A reader that has the old snapshot open keeps reading the old file (its inode
lives on until it closes it); a reader that opens the path afterwards gets the new one. No
reader ever sees a half-written file, and no reader ever blocks the close.

The snapshot carries a small schema `published`:
- `published.snapshot_info`: when it was published, from which file, the source database
  name (views written by dbt name it; `open_snapshot` attaches the file under that name),
  and the close period when known.
- `published.control_results`: the data tests of the close run (status, failures, the
  control sentence and area from the test's meta, the failing-rows relation), when the
  run's `run_results.json` (and `manifest.json`) are given.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from infra_accounting.contract import PROJECT_ROOT

DEFAULT_SNAPSHOT = PROJECT_ROOT / "warehouse" / "published" / "infra_accounting.duckdb"
SNAPSHOT_ENVIRONMENT_VARIABLE = "INFRA_SNAPSHOT_PATH"
_SOURCE_ALIAS = "publish_source"


def snapshot_path() -> Path:
    """The published snapshot readers open (INFRA_SNAPSHOT_PATH overrides the default)."""
    configured = os.environ.get(SNAPSHOT_ENVIRONMENT_VARIABLE)
    path = Path(configured) if configured else DEFAULT_SNAPSHOT
    return path if path.is_absolute() else PROJECT_ROOT / path


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _control_rows(run_results: Path, manifest: Path | None) -> list[tuple]:
    """One row per data test of the run: the close's controls and their evidence."""
    results = json.loads(run_results.read_text(encoding="utf-8")).get("results", [])
    nodes = {}
    if manifest is not None and manifest.exists():
        nodes = json.loads(manifest.read_text(encoding="utf-8")).get("nodes", {})
    rows = []
    for result in results:
        unique_id = result.get("unique_id", "")
        if not unique_id.startswith("test."):
            continue
        node = nodes.get(unique_id, {})
        config = node.get("config", {}) or {}
        meta = {**(node.get("meta") or {}), **(config.get("meta") or {})}
        # the failing rows are stored only for a control that found some (macros/close/test_materialization.sql)
        relation = (result.get("relation_name") or None) if result.get("failures") else None
        rows.append(
            (
                node.get("name") or unique_id.split(".")[2],
                unique_id,
                result.get("status", ""),
                int(result.get("failures") or 0),
                result.get("message") or "",
                config.get("severity"),
                meta.get("control_area"),
                meta.get("control"),
                relation,
                (node.get("attached_node") or "").split(".")[-1] or None,
            )
        )
    return rows


def _write_metadata(
    connection: duckdb.DuckDBPyConnection,
    target: str,
    warehouse: Path,
    source_catalog: str,
    close_period: str | None,
    run_results: Path | None,
    manifest: Path | None,
) -> None:
    schema = f"{_quote(target)}.published"
    connection.execute(f"create schema if not exists {schema}")
    connection.execute(
        f"create or replace table {schema}.snapshot_info ("
        " published_at timestamp, source_path varchar, source_catalog varchar, close_period varchar)"
    )
    connection.execute(
        f"insert into {schema}.snapshot_info values (?, ?, ?, ?)",
        [datetime.now(timezone.utc).replace(tzinfo=None), str(warehouse), source_catalog, close_period],
    )
    connection.execute(
        f"create or replace table {schema}.control_results ("
        " control_name varchar, unique_id varchar, status varchar, failures bigint, message varchar,"
        " severity varchar, control_area varchar, control varchar, failures_relation varchar, tested_model varchar)"
    )
    if run_results is not None and run_results.exists():
        rows = _control_rows(run_results, manifest)
        if rows:
            connection.executemany(f"insert into {schema}.control_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _attach_read_only(connection: duckdb.DuckDBPyConnection, warehouse: Path, attempts: int, wait_seconds: float) -> None:
    """Attach the warehouse read-only, waiting (bounded) while a writer still holds it."""
    for attempt in range(attempts):
        try:
            connection.execute(f"attach {_literal(str(warehouse))} as {_SOURCE_ALIAS} (read_only)")
            return
        except duckdb.IOException:
            if attempt == attempts - 1:
                raise
            time.sleep(wait_seconds)


def publish_snapshot(
    warehouse: Path,
    snapshot: Path = DEFAULT_SNAPSHOT,
    *,
    close_period: str | None = None,
    run_results: Path | None = None,
    manifest: Path | None = None,
    lock_attempts: int = 30,
    lock_wait_seconds: float = 1.0,
) -> Path:
    """Copy `warehouse` into `snapshot` atomically and return the snapshot path.

    The warehouse is attached read-only (so it must not be held by a writer: call this
    after the build has finished; a held lock is retried for lock_attempts x
    lock_wait_seconds) and copied with `COPY FROM DATABASE` into a temporary file in the
    snapshot's directory, which then replaces the snapshot in one `os.replace`.
    """
    warehouse = Path(warehouse).resolve()
    snapshot = Path(snapshot).resolve()
    if not warehouse.exists():
        raise FileNotFoundError(f"No warehouse to publish at {warehouse}; run the close first.")
    snapshot.parent.mkdir(parents=True, exist_ok=True)
    temporary = snapshot.with_name(f".{snapshot.name}.{uuid.uuid4().hex}.tmp")
    # dbt's views name the database they were built in (the warehouse file's stem); the copy
    # is attached under that same name so such references resolve inside the snapshot.
    source_catalog = warehouse.stem
    try:
        connection = duckdb.connect(":memory:")
        try:
            _attach_read_only(connection, warehouse, lock_attempts, lock_wait_seconds)
            connection.execute(f"attach {_literal(str(temporary))} as {_quote(source_catalog)}")
            connection.execute(f"copy from database {_SOURCE_ALIAS} to {_quote(source_catalog)}")
            _write_metadata(connection, source_catalog, warehouse, source_catalog, close_period, run_results, manifest)
            connection.execute(f"checkpoint {_quote(source_catalog)}")
            connection.execute(f"detach {_quote(source_catalog)}")
            connection.execute(f"detach {_SOURCE_ALIAS}")
        finally:
            connection.close()
        os.replace(temporary, snapshot)
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + ".wal")):
            leftover.unlink(missing_ok=True)
    return snapshot


def open_snapshot(snapshot: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published snapshot, its catalog named as the source was.

    The connection holds the file it opened: a snapshot published meanwhile replaces the path,
    not the open file, so this connection keeps a consistent view until it is closed.
    """
    snapshot = Path(snapshot) if snapshot is not None else snapshot_path()
    if not snapshot.exists():
        raise FileNotFoundError(f"No published snapshot at {snapshot}; run the close (it publishes one at its end).")
    connection = duckdb.connect(":memory:")
    try:
        connection.execute(f"attach {_literal(str(snapshot))} as snapshot_probe (read_only)")
        found = connection.execute(
            "select source_catalog from snapshot_probe.published.snapshot_info limit 1"
        ).fetchall()
        catalog = found[0][0] if found and found[0][0] else "snapshot_probe"
        if catalog != "snapshot_probe":
            connection.execute("detach snapshot_probe")
            connection.execute(f"attach {_literal(str(snapshot))} as {_quote(catalog)} (read_only)")
        connection.execute(f"use {_quote(catalog)}")
    except Exception:
        connection.close()
        raise
    return connection


def main(argv: list[str] | None = None) -> int:
    """`python -m infra_accounting.publish [WAREHOUSE [SNAPSHOT]]`: publish after a close."""
    import argparse

    from infra_accounting.dbt_invocation import warehouse_path

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("warehouse", nargs="?", type=Path, default=None)
    parser.add_argument("snapshot", nargs="?", type=Path, default=None)
    parser.add_argument("--close-period", default=None)
    parser.add_argument("--target-path", type=Path, default=PROJECT_ROOT / "target", help="dbt target path of the close run")
    arguments = parser.parse_args(argv)
    published = publish_snapshot(
        arguments.warehouse or warehouse_path(),
        arguments.snapshot or snapshot_path(),
        close_period=arguments.close_period,
        run_results=arguments.target_path / "run_results.json",
        manifest=arguments.target_path / "manifest.json",
    )
    print(f"published {published}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
