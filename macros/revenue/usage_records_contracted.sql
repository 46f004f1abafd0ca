{#- The rating of usage records, everything except the price: one row per record of
    usage_relation (a relation or CTE with the columns of stg_metering__usage) with the contract
    it belongs to (the customer's contract whose usage window holds the day), the month
    consumed, the month billed and its rating status (rated, or the reason it cannot be rated).
    A query with its own CTEs, to select from or to put in parentheses. The one statement of the
    rating rule: the view int_usage_records_contracted applies it to every staged record, and
    int_usage_records_unrated to the records of the groups int_usage_records_summed found
    unrated (DECISIONLOG R-011).
    The contract is found by an equi-join on customer and month (contracts expanded to the
    months their usage window touches) with the date window checked inside the join. -#}
{% macro usage_records_contracted(usage_relation) -%}
with
usage as (select * from {{ usage_relation }}),

customers as (select * from {{ ref('stg_erp__customers') }}),

skus as (select * from {{ ref('stg_metering__skus') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

-- the last usage day of the records bounds the months of open-ended contracts (read straight
-- from the relation, not from the usage CTE, so that CTE is used once and a reader's month
-- filter reaches its scan)
usage_span as (
    select max(usage_records.usage_date) as last_usage_date
    from {{ usage_relation }} as usage_records
),

-- each contract once per month its usage window touches (within the usage being rated)
contract_months as (
    select
        contracts.contract_id,
        contracts.customer_id,
        contracts.subsidiary_id,
        contracts.contract_type,
        contracts.currency_code,
        contracts.discount_pct,
        contracts.start_date,
        contracts.usage_end_date,
        cast(
            unnest(
                generate_series(
                    {{ infra_accounting.month_start('contracts.start_date') }},
                    {{ infra_accounting.month_start('least(contracts.usage_end_date, usage_span.last_usage_date)') }},
                    interval 1 month
                )
            ) as date
        ) as usage_month
    from contracts
    cross join usage_span
    where
        contracts.usage_end_date >= contracts.start_date
        and contracts.start_date <= usage_span.last_usage_date
),

usage_with_contract as (
    select
        usage.usage_id,
        usage.customer_id,
        usage.sku,
        usage.location_id,
        usage.usage_date,
        usage.received_date,
        usage.quantity,
        customers.customer_id is not null as is_known_customer,
        skus.sku is not null as is_known_sku,
        skus.list_price,
        contract_months.contract_id,
        contract_months.subsidiary_id,
        contract_months.contract_type,
        contract_months.currency_code,
        contract_months.discount_pct,
        {{ infra_accounting.month_start('usage.usage_date') }} as usage_month
    from usage
    left join customers on usage.customer_id = customers.customer_id
    left join skus on usage.sku = skus.sku
    left join contract_months
        on usage.customer_id = contract_months.customer_id
            and {{ infra_accounting.month_start('usage.usage_date') }} = contract_months.usage_month
            and usage.usage_date >= contract_months.start_date
            and usage.usage_date <= contract_months.usage_end_date
),

final as (
    select
        usage_with_contract.*,
        {{ infra_accounting.month_start('coalesce(usage_with_contract.received_date, usage_with_contract.usage_date + 1) - 1') }}
            as billing_month,
        case
            when not usage_with_contract.is_known_customer then 'unknown_customer'
            when not usage_with_contract.is_known_sku then 'unknown_sku'
            when usage_with_contract.contract_id is null then 'no_active_contract'
            else 'rated'
        end as rating_status
    from usage_with_contract
)

select * from final
{%- endmacro %}
