-- One row per metered usage record that cannot be rated (unknown customer, unknown SKU or no
-- contract active on its day), with its rating status: the input of the revenue exceptions.
-- Only the records of the customer, SKU and month groups that int_usage_records_summed found
-- unrated are rated again (the rule is the macro usage_records_contracted), so the records are
-- matched to contracts once, not twice (DECISIONLOG R-011); with no unrated group the staged
-- records are not read at all.
-- Incremental by month of consumption like int_usage_records_summed: a run deletes and
-- re-inserts the months in int_usage_months_reopened and keeps the closed months, so the
-- exceptions do not rate every usage record of the history again each close.
-- depends_on: {{ ref('int_usage_months_reopened') }}
{{ infra_accounting.incremental_by_usage_month() }}

with
unrated_groups as (
    select distinct
        customer_id,
        sku,
        usage_month
    from {{ ref('int_usage_records_summed') }}
    where
        rating_status <> 'rated'
        {{ infra_accounting.reopened_usage_months_filter('usage_month', none) }}
),

-- the staged records of those groups (each group once, so no record twice; the groups' keys
-- filter the scan, and in an incremental run the reopened months bound it)
unrated_group_usage as (
    select staged_usage.*
    from {{ ref('stg_metering__usage') }} as staged_usage
    inner join unrated_groups
        on staged_usage.customer_id = unrated_groups.customer_id
            and staged_usage.sku = unrated_groups.sku
            and {{ infra_accounting.month_start('staged_usage.usage_date') }} = unrated_groups.usage_month
    where
        true
        {{ infra_accounting.reopened_usage_months_filter(
            infra_accounting.month_start('staged_usage.usage_date'), 'staged_usage.usage_date'
        ) }}
),

contracted_usage as (
    {{ infra_accounting.usage_records_contracted('unrated_group_usage') }}
),

final as (
    select
        usage_id,
        customer_id,
        sku,
        usage_date,
        usage_month,
        rating_status
    from contracted_usage
    where rating_status <> 'rated'
)

select * from final
