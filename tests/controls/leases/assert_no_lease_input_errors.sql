{{ config(
    severity='error',
    meta={'control_area': 'leases', 'control': 'No lease abstract, payment, modification or service contract is left out of the lease subledger because of an input error'}
) }}
-- Fails with each error row of int_lease_exceptions (end before commencement, missing rate,
-- negative payment, modification before commencement, ...): fix the extract and rerun.
select *
from {{ ref('int_lease_exceptions') }}
where exception_severity = 'error'
