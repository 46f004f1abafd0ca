"""One row per lease per segment: the five ASC 842-10-25-2 criteria evaluated at the segment's
start, the classification, and the measurement at that date (liability and ROU before and after
the event, gain or loss), from the vectorised ASC 842 engine (src/infra_accounting/leases)."""

from infra_accounting.decimal_output import with_decimal_columns
from infra_accounting.leases.engine import measure_leases
from infra_accounting.leases.policy import lease_policy


def model(dbt, session):
    dbt.config(materialized="table", schema="intermediate")
    segments = dbt.ref("int_lease_segments_prepared").df()
    payments = dbt.ref("int_lease_payments_scheduled").df()
    _, results = measure_leases(segments, payments, lease_policy(dbt.ref("stg_policy__lease_policy").df()))
    return with_decimal_columns(session, results)
