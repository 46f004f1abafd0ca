"""Control usage_records_conserved_through_rating (DECISIONLOG R-011, D-007).

Per month consumed, the staged usage records must equal the rated records plus the unrated
ones: a record rated twice (matched to two contracts) or lost fails the close. The control
replaces the rated records' key test, so it must fail when the rating totals do not account
for the staged records - shown here by running it on a copy of the demo warehouse whose
rated totals were tampered with. Run alone (`dbt test`), it covers every month."""

from __future__ import annotations

import duckdb

from tests.python.conftest import failing_rows_of_control, writable_copy

CONTROL = "usage_records_conserved_through_rating"


def test_the_demo_close_passes_the_control(demo_warehouse):
    assert demo_warehouse.scalar(f"select status from marts.rpt_close_controls where control_name = '{CONTROL}'") == "pass"


def test_a_record_counted_twice_in_an_old_month_fails_the_control(demo_warehouse, tmp_path):
    copy = writable_copy(demo_warehouse, tmp_path)
    with duckdb.connect(str(copy.path)) as connection:
        month, contract_id, sku, billing_month = connection.execute(
            "select usage_month, contract_id, sku, billing_month from intermediate.int_usage_records_summed"
            " order by usage_month, contract_id, sku, billing_month limit 1"
        ).fetchone()
        # a record matched to two contracts: rated once more than it was staged
        connection.execute(
            "update intermediate.int_usage_records_summed set usage_record_count = usage_record_count + 1"
            " where usage_month = ? and contract_id = ? and sku = ? and billing_month = ?",
            [month, contract_id, sku, billing_month],
        )

    [(failed_month, difference)] = failing_rows_of_control(copy, CONTROL, "usage_month, record_count_difference", tmp_path)
    # the oldest month: `dbt test` alone logged no month written, so the control covered every month
    assert failed_month == month and difference == 1
