"""Generic control primary_key (tests/generic/primary_key.sql, DECISIONLOG C-013): a key column is
present on every row and never on two rows - dbt's unique and not_null in one control.

The demo close passes it on the period calendar; a copy of the demo warehouse with one month
entered twice and one month without its id fails it, with one row for each: the repeated key
and how many rows carry it, and the rows without a key."""

from __future__ import annotations

import duckdb

from tests.python.conftest import failing_rows_of_control, writable_copy

CONTROL = "primary_key_dim_periods_period_id"


def test_the_demo_close_passes_the_key_controls_of_the_calendar(demo_warehouse):
    statuses = demo_warehouse.query(
        "select control_name, status from marts.rpt_close_controls where control_name like 'primary_key_dim_periods_%'"
        " order by control_name"
    )
    assert statuses == [("primary_key_dim_periods_period_id", "pass"), ("primary_key_dim_periods_period_month", "pass")]


def test_a_repeated_and_a_missing_key_fail_the_control_one_row_each(demo_warehouse, tmp_path):
    copy = writable_copy(demo_warehouse, tmp_path)
    with duckdb.connect(str(copy.path)) as connection:
        # September entered twice, and August's row copied without its id
        connection.execute("insert into marts.dim_periods select * from marts.dim_periods where period_id = '2026-09'")
        connection.execute(
            "insert into marts.dim_periods select * replace (cast(null as varchar) as period_id)"
            " from marts.dim_periods where period_id = '2026-08'"
        )
    rows = failing_rows_of_control(copy, CONTROL, "key_value, row_count, failure_reason", tmp_path)
    assert sorted(rows, key=lambda row: row[0] or "") == [
        (None, 1, "1 row(s) without a period_id"),
        ("2026-09", 2, "2 rows with the same period_id: it must identify one row"),
    ]
