-- Audit support: the rows set aside by staging, counted per extract and severity, with an
-- example row key and reason, to triage a failed data-quality control.
with
extract_exceptions as (select * from {{ ref('stg_extract_exceptions') }}),

summarised as (
    select
        extract_name,
        exception_severity,
        count(*) as exception_row_count,
        min(row_key) as example_row_key,
        min(exception_reason) as example_reason
    from extract_exceptions
    group by extract_name, exception_severity
),

final as (
    select * from summarised
    order by exception_row_count desc, extract_name asc
)

select * from final
