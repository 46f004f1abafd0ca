-- One row per metered usage record that cannot be rated (unknown customer, unknown SKU or no
-- contract active on its day), with its rating status: the input of the revenue exceptions.
-- Incremental by month of consumption like int_usage_records_summed: a run deletes and
-- re-inserts the months in int_usage_months_reopened and keeps the closed months, so the
-- exceptions do not rate every usage record of the history again each close.
-- depends_on: {{ ref('int_usage_months_reopened') }}
{{ infra_accounting.incremental_by_usage_month() }}

with
unrated_usage as (
    select * from {{ ref('int_usage_records_contracted') }}
    where
        rating_status <> 'rated'
        {{ infra_accounting.reopened_usage_months_filter() }}
),

final as (
    select
        usage_id,
        customer_id,
        sku,
        usage_date,
        usage_month,
        rating_status
    from unrated_usage
)

select * from final
