"""The fault drill: SIGKILL the close at chosen points, then prove nothing committed was lost.

A drill works on its own copies: a live warehouse (a copy of a built close), a published
snapshot of that close (what readers see), and a posted history of a closed month. For each
kill point, `dbt build` is started on the live warehouse and the whole process group gets
SIGKILL right after dbt announces the n-th node of a kind (seed, SQL model, Python model,
test) - so the kill lands while that node runs. After every kill:

- the live warehouse still opens (DuckDB replays or discards its write-ahead log);
- the published snapshot is byte-identical to the previous close (a build never touches it);
- the posted history is byte-identical (checksums of every file).

Then the build is run to the end (it must succeed on the killed warehouse), publishing is
killed part-way (the snapshot is then the previous close or the new one, whole, never a
mix), writing a closed month to the posted history is killed part-way (the month is then
absent or complete, never partial), and the close is published: the snapshot now holds
exactly the new warehouse's marts (checksum per mart).

`python -m infra_accounting.reliability.fault_drill` runs the longer loop (scripts/fault-drill).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from infra_accounting.contract import PROJECT_ROOT
from infra_accounting.dbt_invocation import DbtRun
from infra_accounting.publish import open_snapshot, publish_snapshot

# dbt's progress lines, e.g. "12 of 40 START python table model intermediate.x .... [RUN]"
PHASE_MARKERS = {
    "seed": re.compile(r"\bSTART seed file\b"),
    "sql": re.compile(r"\bSTART sql \w+ model\b"),
    "python": re.compile(r"\bSTART python \w+ model\b"),
    "test": re.compile(r"\bSTART test\b"),
}


@dataclass(frozen=True)
class KillPoint:
    phase: str  # a key of PHASE_MARKERS
    occurrence: int = 1  # kill after the n-th node of that kind starts
    delay_seconds: float = 0.0  # then wait this long (lands mid-node)


@dataclass
class DrillReport:
    kills: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    reader_reads: int = 0
    seconds: float = 0.0


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_digests(directory: Path) -> dict[str, str]:
    """sha256 of every file under `directory`, keyed by relative path."""
    return {
        str(path.relative_to(directory)): file_digest(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def mart_checksums(
    connection: duckdb.DuckDBPyConnection, schema: str = "marts", exclude_columns: tuple[str, ...] = ()
) -> dict[str, str]:
    """One checksum per relation of `schema`: md5 over its rows in a canonical order.

    Each row is rendered as text (every column but `exclude_columns`, nulls marked), the rows
    are sorted, and the md5 of their concatenation is the relation's checksum: two relations
    have the same checksum exactly when they hold the same multiset of rows, whatever order
    they were built in.
    """
    columns: dict[str, list[str]] = {}
    for relation, column in connection.execute(
        "select table_name, column_name from information_schema.columns"
        " where table_schema = ? and table_catalog = current_database() order by table_name, ordinal_position",
        [schema],
    ).fetchall():
        if column not in exclude_columns:
            columns.setdefault(relation, []).append(column)
    checksums = {}
    for relation, names in sorted(columns.items()):
        fields = ", ".join(f'"{name}" := "{name}"' for name in names)
        (checksum,) = connection.execute(
            f"select md5(coalesce(string_agg(row_text, chr(10) order by row_text), '')) from ("
            f' select cast(struct_pack({fields}) as varchar) as row_text from "{schema}"."{relation}")'
        ).fetchone()
        checksums[relation] = checksum
    return checksums


def warehouse_checksums(path: Path, exclude_columns: tuple[str, ...] = ()) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return mart_checksums(connection, exclude_columns=exclude_columns)


def snapshot_checksums(path: Path) -> tuple[object, dict[str, str]]:
    """(published_at, mart checksums) of a published snapshot, read in one connection."""
    with open_snapshot(path) as connection:
        published_at = connection.execute("select published_at from published.snapshot_info").fetchone()[0]
        return published_at, mart_checksums(connection)


def run_dbt_until(run: DbtRun, environment: dict[str, str], kill: KillPoint | None, log_path: Path, timeout: float = 900) -> tuple[int | None, str]:
    """Run dbt; SIGKILL its process group at the kill point. Returns (exit code or None if killed, output tail)."""
    argv = run.argv() + ["--log-path", str(log_path)]
    process = subprocess.Popen(
        argv,
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    seen = 0
    tail: list[str] = []
    deadline = time.monotonic() + timeout
    killed = False
    assert process.stdout is not None
    for line in process.stdout:
        tail = (tail + [line])[-40:]
        if kill is not None and PHASE_MARKERS[kill.phase].search(line):
            seen += 1
            if seen == kill.occurrence:
                if kill.delay_seconds:
                    time.sleep(kill.delay_seconds)
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
                break
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise TimeoutError(f"dbt did not finish in {timeout}s: {''.join(tail)}")
    process.stdout.close()
    code = process.wait()
    return (None if killed else code), "".join(tail)


def kill_python_step(code: str, delay_seconds: float, environment: dict[str, str]) -> int | None:
    """Run `python -c code`, SIGKILL it after delay_seconds; None if it was killed, else its exit code."""
    process = subprocess.Popen([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=environment, start_new_session=True)
    try:
        return process.wait(timeout=delay_seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return None


class SnapshotReaderLoop:
    """A reader that keeps opening the published snapshot (read-only) during the drill and
    checks every read is one whole close: its marts' checksums are those of one of the closes
    the drill may publish (the previous close, then also the rebuilt one)."""

    def __init__(self, snapshot: Path, acceptable: list[dict[str, str]]):
        self.snapshot = snapshot
        self.acceptable = acceptable  # mart checksums of each close that may be published
        self.errors: list[str] = []
        self.reads = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                published_at, checksums = snapshot_checksums(self.snapshot)
                self.reads += 1
                if checksums not in self.acceptable:
                    self.errors.append(f"the snapshot published at {published_at} is not one whole close (a mix)")
            except Exception as error:  # a lock error or a half-written file would land here
                self.errors.append(f"reader failed: {type(error).__name__}: {error}")
            self._stop.wait(0.3)

    def __enter__(self) -> "SnapshotReaderLoop":
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=120)


def write_closed_month(warehouse: Path, history: Path, month: str) -> Path:
    """A posted history for one closed month (its lines of fct_journal_entries), as the close writes it."""
    from infra_accounting.close.posted_history import history_file

    path = history_file(history, month)
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        connection.execute(
            f"copy (select * from marts.fct_journal_entries where strftime(period_month, '%Y-%m') = '{month}'"
            f" order by journal_id, journal_line_number) to '{path}' (format parquet)"
        )
    return path


def run_drill(
    previous_close: Path,
    workdir: Path,
    kill_points: list[KillPoint],
    select: str | None,
    close_period: str = "2026-10",
    closed_month: str = "2026-09",
    publish_kill_delays: tuple[float, ...] = (0.3,),
    seed: int = 0,
    previous_close_edit: str | None = None,
) -> DrillReport:
    """Run the drill from a built close (`previous_close`, left untouched) in `workdir`."""
    started = time.monotonic()
    report = DrillReport()
    rng = random.Random(seed)
    workdir.mkdir(parents=True, exist_ok=True)
    live = workdir / "live" / "infra_accounting.duckdb"
    live.parent.mkdir(exist_ok=True)
    shutil.copyfile(previous_close, live)
    if previous_close_edit:
        # The previous close differs from what the rebuild will produce (as last month's close
        # would), so the snapshot checks can tell the two closes apart.
        with duckdb.connect(str(live)) as connection:
            connection.execute(previous_close_edit)
    history = workdir / "posted_history"
    write_closed_month(live, history, closed_month)
    history_before = tree_digests(history)
    snapshot = publish_snapshot(live, workdir / "published" / "infra_accounting.duckdb", close_period=close_period)
    snapshot_digest = file_digest(snapshot)
    _, previous_marts = snapshot_checksums(snapshot)
    expected = [previous_marts]
    run = DbtRun(
        command="build",
        close_period=close_period,
        target="ci",
        select=select,
        target_path=str(workdir / "target"),
        posted_history_dir=str(history),
    )
    environment = run.environment(INFRA_WAREHOUSE_PATH=str(live))

    def check_invariants(after: str) -> None:
        try:
            with duckdb.connect(str(live)) as connection:  # recovery from the WAL happens here
                connection.execute("select count(*) from information_schema.tables").fetchone()
        except Exception as error:
            report.problems.append(f"after {after}: the live warehouse does not open: {error}")
        if file_digest(snapshot) != snapshot_digest:
            report.problems.append(f"after {after}: the published snapshot changed")
        if tree_digests(history) != history_before:
            report.problems.append(f"after {after}: the posted history changed")

    with SnapshotReaderLoop(snapshot, expected) as reader:
        for point in kill_points:
            kill = KillPoint(point.phase, point.occurrence, point.delay_seconds or round(rng.uniform(0.0, 0.8), 2))
            code, tail = run_dbt_until(run, environment, kill, workdir / "logs")
            if code is not None:
                report.problems.append(f"dbt finished (exit {code}) before the kill point {kill}: {tail[-800:]}")
                continue
            report.kills.append(f"{kill.phase} #{kill.occurrence} +{kill.delay_seconds}s")
            check_invariants(f"kill during {kill.phase}")

        code, tail = run_dbt_until(run, environment, None, workdir / "logs")
        if code != 0:
            report.problems.append(f"the rebuild after the kills failed (exit {code}): {tail[-1500:]}")
        else:
            _publish_drills(report, live, snapshot, history, history_before, expected, previous_marts,
                            close_period, publish_kill_delays, environment)
    report.reader_reads = reader.reads
    report.problems += reader.errors
    report.seconds = time.monotonic() - started
    return report


def _publish_drills(report, live, snapshot, history, history_before, expected, previous_marts,
                    close_period, publish_kill_delays, environment) -> None:
    """After a successful rebuild: kill publishing and posting part-way, then publish for real."""
    new_marts = warehouse_checksums(live)
    expected.append(new_marts)  # from now on the snapshot may also be the rebuilt close

    # Publishing killed part-way: the snapshot is the previous close or the new one, whole.
    publish_code = (
        "from pathlib import Path; from infra_accounting.publish import publish_snapshot;"
        f" publish_snapshot(Path({str(live)!r}), Path({str(snapshot)!r}), close_period={close_period!r})"
    )
    for delay in publish_kill_delays:
        kill_python_step(publish_code, delay, environment)
        report.kills.append(f"publish +{delay}s")
        _, marts = snapshot_checksums(snapshot)
        if marts not in (previous_marts, new_marts):
            report.problems.append(f"after a kill during publish (+{delay}s): the snapshot is neither close")
    # Writing a closed month killed part-way: the month is absent or complete, never partial.
    post_code = (
        "from pathlib import Path; from infra_accounting.close.posted_history import write_close_month;"
        f" write_close_month(Path({str(live)!r}), {close_period!r}, Path({str(history)!r}))"
    )
    kill_python_step(post_code, 0.4, environment)
    report.kills.append("posting +0.4s")
    month_file = history / "journal_lines" / f"period={close_period}.parquet"
    if month_file.exists():
        with duckdb.connect() as connection:
            posted = connection.execute(f"select count(*) from read_parquet('{month_file}')").fetchone()[0]
        with duckdb.connect(str(live), read_only=True) as connection:
            lines = connection.execute("select count(*) from marts.fct_journal_entries").fetchone()[0]
        if posted != lines:
            report.problems.append(f"a killed posting left {posted} of {lines} lines for {close_period}")
    if {name: digest for name, digest in tree_digests(history).items() if name in history_before} != history_before:
        report.problems.append("a killed posting changed an earlier closed month")

    # The close published for real.
    published = publish_snapshot(live, snapshot, close_period=close_period)
    _, marts = snapshot_checksums(published)
    if marts != new_marts:
        report.problems.append("the published snapshot does not hold the rebuilt warehouse's marts")
    time.sleep(0.8)  # let the reader see the final publication at least once


def main(argv: list[str] | None = None) -> int:
    """`python -m infra_accounting.reliability.fault_drill`: the long fault loop."""
    import argparse

    from infra_accounting.dbt_invocation import run_dbt

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--rounds", type=int, default=3, help="drill rounds, each with fresh random kill points")
    parser.add_argument("--kills", type=int, default=8, help="kill points per round")
    parser.add_argument("--select", default=None, help="dbt selection (default: the whole close)")
    parser.add_argument("--workdir", type=Path, default=PROJECT_ROOT / "build" / "fault_drill")
    parser.add_argument("--seed", type=int, default=int(time.time()))
    arguments = parser.parse_args(argv)

    workdir = arguments.workdir
    shutil.rmtree(workdir, ignore_errors=True)
    base = workdir / "base" / "infra_accounting.duckdb"
    base.parent.mkdir(parents=True)
    os.environ["INFRA_WAREHOUSE_PATH"] = str(base)
    print(f"building the previous close into {base} ...", flush=True)
    if run_dbt(DbtRun(command="build", close_period="2026-10", target="ci", select=arguments.select,
                      target_path=str(workdir / "base_target")), quiet=True) != 0:
        print("the base build failed; fix it before drilling")
        return 1
    rng = random.Random(arguments.seed)
    failures = 0
    # Last month's close differs from this one (one period fewer), so a mix would show.
    edit = None
    if arguments.select is None or "dim_periods" in arguments.select:
        edit = "delete from marts.dim_periods where period_month = (select max(period_month) from marts.dim_periods)"
    for round_number in range(arguments.rounds):
        points = [
            KillPoint(phase, rng.randint(1, {"seed": 30, "sql": 60, "python": 3, "test": 200}[phase]), round(rng.uniform(0, 2), 2))
            for phase in rng.choices(list(PHASE_MARKERS), k=arguments.kills)
        ]
        report = run_drill(base, workdir / f"round_{round_number}", points, arguments.select,
                           publish_kill_delays=tuple(round(rng.uniform(0.1, 3.0), 2) for _ in range(3)),
                           seed=arguments.seed + round_number,
                           previous_close_edit=edit)
        # A kill point past the last node of its kind lets dbt finish: not a failure of the close.
        problems = [problem for problem in report.problems if not problem.startswith("dbt finished (exit 0)")]
        failures += bool(problems)
        print(json.dumps({"round": round_number, "seed": arguments.seed, "kills": report.kills, "reader_reads": report.reader_reads,
                          "seconds": round(report.seconds, 1), "problems": problems}, indent=2), flush=True)
    print("fault drill: " + ("FAILED" if failures else "passed") + f" ({arguments.rounds} rounds, seed {arguments.seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
