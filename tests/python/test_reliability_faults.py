"""The close survives kill -9: the short fault drill (the long loop is scripts/fault-drill).

From the demo close (the session's `demo_warehouse`, as last month's published close), dbt
is killed with SIGKILL (its whole process group) while it loads a seed, builds a SQL model,
runs a data test and runs a Python model; then publishing and posting are killed part-way.
After every kill the live warehouse opens, the published snapshot and the posted history are
byte-identical (sha256); a reader polling the snapshot the whole time only ever sees one whole
close; the rebuild succeeds and the final publication holds exactly the rebuilt marts.
"""

from __future__ import annotations

import duckdb

from infra_accounting.reliability.fault_drill import (
    KillPoint,
    mart_checksums,
    run_drill,
    tree_digests,
)

# Seeds, SQL models, data tests and a Python model (the lease segments' measurement), plus two
# marts so the rebuilt close differs from the edited previous one.
SELECTION = "+int_lease_segments_measured +dim_periods +dim_fx_rates_monthly"
KILL_POINTS = [
    KillPoint("seed", 2, 0.1),
    KillPoint("sql", 3, 0.2),
    KillPoint("test", 2, 0.0),
    KillPoint("python", 1, 0.5),
]


def test_kill_minus_nine_loses_nothing_committed(demo_warehouse, tmp_path):
    assert demo_warehouse.exit_code == 0
    report = run_drill(
        demo_warehouse.path,
        tmp_path / "drill",
        KILL_POINTS,
        SELECTION,
        publish_kill_delays=(0.2, 1.5),
        previous_close_edit="delete from marts.dim_fx_rates_monthly where period_month = (select max(period_month) from marts.dim_fx_rates_monthly)",
    )
    assert report.problems == []
    assert len(report.kills) == len(KILL_POINTS) + 3  # every dbt kill point was reached, plus publish and posting
    assert report.reader_reads >= 1


def test_checksums_see_a_one_cent_difference_and_ignore_row_order(tmp_path):
    """The drill's instruments can fail: one cent or one row apart is a different close."""
    with duckdb.connect() as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.t as select range as id, cast(range * 1.01 as decimal(18, 2)) as amount from range(100)")
        before = mart_checksums(connection)
        connection.execute("create or replace table marts.t as select * from marts.t order by id desc")
        assert mart_checksums(connection) == before
        connection.execute("update marts.t set amount = amount + 0.01 where id = 42")
        assert mart_checksums(connection) != before
    (tmp_path / "h" / "journal_lines").mkdir(parents=True)
    (tmp_path / "h" / "journal_lines" / "period=2026-09.parquet").write_bytes(b"posted")
    digests = tree_digests(tmp_path / "h")
    (tmp_path / "h" / "journal_lines" / "period=2026-09.parquet").write_bytes(b"posteD")
    assert tree_digests(tmp_path / "h") != digests
