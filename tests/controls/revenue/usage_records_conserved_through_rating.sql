{%- set control_text -%}
Every staged usage record of a month is rated exactly once or listed as unrated: per month of
consumption, staged records = rated records (int_usage_records_summed) + unrated records
(int_usage_records_unrated), for the months the run rated.
{%- endset -%}
{{ config(severity='error', meta={'control_area': 'revenue', 'control': control_text | replace('\n', ' ')}) }}
-- Fails with each month of consumption whose records were lost or counted twice by rating (a
-- record matched to two contracts, or to none and not listed). With usage_id unique in
-- staging, this is what the rated records' key test checked, without rating every record
-- again: it covers the months from the first the rating models wrote in this run (every
-- month after a first build or a full refresh; DECISIONLOG R-011, D-007).
{%- set first_month = infra_accounting.first_month_written_by('int_usage_records_summed') %}

with
staged as (
    select
        {{ infra_accounting.month_start('usage_date') }} as usage_month,
        count(*) as staged_record_count
    from {{ ref('stg_metering__usage') }}
    where usage_date >= {{ first_month }}
    group by usage_month
),

rated as (
    select
        usage_month,
        sum(usage_record_count) as rated_record_count
    from {{ ref('int_usage_records_summed') }}
    where
        rating_status = 'rated'
        and usage_month >= {{ first_month }}
    group by usage_month
),

unrated as (
    select
        usage_month,
        count(*) as unrated_record_count
    from {{ ref('int_usage_records_unrated') }}
    where usage_month >= {{ first_month }}
    group by usage_month
),

compared as (
    select
        coalesce(staged.usage_month, rated.usage_month, unrated.usage_month) as usage_month,
        coalesce(staged.staged_record_count, 0) as staged_record_count,
        coalesce(rated.rated_record_count, 0) as rated_record_count,
        coalesce(unrated.unrated_record_count, 0) as unrated_record_count
    from staged
    full outer join rated on staged.usage_month = rated.usage_month
    full outer join unrated on coalesce(staged.usage_month, rated.usage_month) = unrated.usage_month
)

select
    usage_month,
    staged_record_count,
    rated_record_count,
    unrated_record_count,
    rated_record_count + unrated_record_count - staged_record_count as record_count_difference
from compared
where rated_record_count + unrated_record_count <> staged_record_count
