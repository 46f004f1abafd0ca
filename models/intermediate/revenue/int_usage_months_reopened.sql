-- One row per month of consumption that this run rates (again): every month from the
-- incremental start (close period less the lookback) and every earlier month with a usage
-- record received on or after that start (late usage reopens the month it was consumed in).
-- The incremental rating models delete and re-insert exactly these months; earlier months are
-- closed and read as they are.
with
usage as (select * from {{ ref('stg_metering__usage') }}),

reopened as (
    select distinct {{ infra_accounting.month_start('usage_date') }} as usage_month
    from usage
    where
        usage_date >= {{ infra_accounting.incremental_start_month() }}
        or received_date >= {{ infra_accounting.incremental_start_month() }}
),

final as (
    select
        usage_month,
        usage_month < {{ infra_accounting.incremental_start_month() }} as is_reopened_by_late_usage
    from reopened
)

select * from final
