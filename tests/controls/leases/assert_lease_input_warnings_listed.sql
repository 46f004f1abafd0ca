{{ config(
    severity='warn',
    meta={'control_area': 'leases', 'control': 'Lease inputs with a warning (election ignored, currency mismatch, payment outside the term) are listed for review'}
) }}
select *
from {{ ref('int_lease_exceptions') }}
where exception_severity = 'warn'
