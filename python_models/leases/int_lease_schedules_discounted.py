"""One row per lease per month of its measured life (all segments chained): liability, interest,
payments, ROU and lease cost from the vectorised ASC 842 engine (src/infra_accounting/leases).

Money is computed in float64, rounded to the cent, and leaves as decimal(18,2) (infra_accounting.decimal_output)."""

from infra_accounting.decimal_output import with_decimal_columns
from infra_accounting.leases.engine import measure_leases
from infra_accounting.leases.policy import lease_policy


def model(dbt, session):
    dbt.config(materialized="table", schema="intermediate")
    segments = dbt.ref("int_lease_segments_prepared").df()
    payments = dbt.ref("int_lease_payments_scheduled").df()
    months, _ = measure_leases(segments, payments, lease_policy(dbt.ref("stg_policy__lease_policy").df()))
    return with_decimal_columns(session, months)
