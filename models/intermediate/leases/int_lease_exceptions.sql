-- One row per problem found in the lease inputs: abstracts, payments, modifications and service
-- contracts set aside by staging (contract breaks: end before commencement, missing rate,
-- negative payment, ...), leases that cannot be measured, modifications that cannot be applied
-- (e.g. effective before commencement), ROU impairments that cannot be applied and warnings, each with the reason.
with
staging_exceptions as (
    select * from {{ ref('stg_extract_exceptions') }}
    where extract_name like 'leases/%' or extract_name like 'policy/lease%'
),

leases as (select * from {{ ref('int_leases_validated') }}),

modifications as (select * from {{ ref('int_lease_modifications_validated') }}),

impairments as (select * from {{ ref('int_lease_impairments_validated') }}),

from_staging as (
    select
        'staging' as exception_stage,
        staging_exceptions.extract_name,
        staging_exceptions.row_key as document_id,
        cast(staging_exceptions.source_row_number as integer) as source_row_number,
        staging_exceptions.exception_severity,
        staging_exceptions.exception_reason
    from staging_exceptions
),

lease_errors as (
    select
        'lease_validation' as exception_stage,
        case when lease_source = 'lease_abstract' then 'leases/lease_contracts' else 'leases/service_contracts' end
            as extract_name,
        lease_id as document_id,
        cast(null as integer) as source_row_number,
        'error' as exception_severity,
        'lease not measured: ' || error_reason as exception_reason
    from leases
    where error_reason is not null
),

lease_warnings as (
    select
        'lease_validation' as exception_stage,
        case when lease_source = 'lease_abstract' then 'leases/lease_contracts' else 'leases/service_contracts' end
            as extract_name,
        lease_id as document_id,
        cast(null as integer) as source_row_number,
        'warn' as exception_severity,
        warning_reason as exception_reason
    from leases
    where warning_reason is not null
),

modification_errors as (
    select
        'modification_validation' as exception_stage,
        'leases/lease_modifications' as extract_name,
        modification_id || ' (' || lease_id || ')' as document_id,
        cast(null as integer) as source_row_number,
        'error' as exception_severity,
        'modification not applied: ' || exception_reason as exception_reason
    from modifications
    where not is_applied
),

modification_warnings as (
    select
        'modification_validation' as exception_stage,
        'leases/lease_modifications' as extract_name,
        modification_id || ' (' || lease_id || ')' as document_id,
        cast(null as integer) as source_row_number,
        'warn' as exception_severity,
        warning_reason as exception_reason
    from modifications
    where is_applied and warning_reason is not null
),

impairment_errors as (
    select
        'impairment_validation' as exception_stage,
        'leases/rou_impairments' as extract_name,
        impairment_id || ' (' || lease_id || ')' as document_id,
        cast(null as integer) as source_row_number,
        'error' as exception_severity,
        'ROU impairment not applied: ' || exception_reason as exception_reason
    from impairments
    where not is_applied
),

final as (
    select * from from_staging
    union all
    select * from lease_errors
    union all
    select * from lease_warnings
    union all
    select * from modification_errors
    union all
    select * from modification_warnings
    union all
    select * from impairment_errors
)

select * from final
