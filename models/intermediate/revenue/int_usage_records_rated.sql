-- One row per metered usage record: the contract it belongs to, the price it is rated at
-- and its rating status (rated, or the reason it cannot be rated).
-- A view: the usage records are stored once (staging); rating is a few hash joins to small
-- tables, done by whoever reads it (the incremental int_usage_records_summed reads only the
-- open months). The contract is found by an equi-join on customer and month (contracts
-- expanded to the months their usage window touches) with the date window checked inside the
-- join; prices are computed once per contract and SKU, not per record.
{{ config(materialized='view') }}

with
usage as (select * from {{ ref('stg_metering__usage') }}),

customers as (select * from {{ ref('stg_erp__customers') }}),

skus as (select * from {{ ref('stg_metering__skus') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

contract_rates as (select * from {{ ref('stg_crm__contract_rates') }}),

-- the last usage day staged bounds the months of open-ended contracts (read straight from
-- staging, not from the usage CTE, so that CTE is used once and a reader's month filter
-- reaches its scan)
usage_span as (
    select max(staged_usage.usage_date) as last_usage_date
    from {{ ref('stg_metering__usage') }} as staged_usage
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

-- one price per contract and SKU (contract rate, else list price less the contract discount),
-- plus the contract rates of SKUs not in the price list (the rate is the price), so a record
-- finds its price in one join
contract_sku_prices as (
    select
        contracts.contract_id,
        skus.sku,
        contract_rates.unit_price as contract_unit_price,
        coalesce(
            contract_rates.unit_price,
            {{ infra_accounting.rate('cast(skus.list_price as decimal(38, 8)) * (1 - coalesce(contracts.discount_pct, 0))') }}
        ) as unit_price
    from contracts
    cross join skus
    left join contract_rates
        on contracts.contract_id = contract_rates.contract_id
            and skus.sku = contract_rates.sku
    union all
    select
        contract_rates.contract_id,
        contract_rates.sku,
        contract_rates.unit_price as contract_unit_price,
        contract_rates.unit_price
    from contract_rates
    where
        not exists (
            select 1 from skus
            where skus.sku = contract_rates.sku
        )
        or not exists (
            select 1 from contracts
            where contracts.contract_id = contract_rates.contract_id
        )
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

rated as (
    select
        usage_with_contract.*,
        contract_sku_prices.contract_unit_price,
        case
            when contract_sku_prices.contract_id is not null then contract_sku_prices.unit_price
            else
                {{ infra_accounting.rate(
                    'cast(usage_with_contract.list_price as decimal(38, 8))'
                    ~ ' * (1 - coalesce(usage_with_contract.discount_pct, 0))'
                ) }}
        end as unit_price,
        {{ infra_accounting.month_start('coalesce(usage_with_contract.received_date, usage_with_contract.usage_date + 1) - 1') }}
            as billing_month,
        case
            when not usage_with_contract.is_known_customer then 'unknown_customer'
            when not usage_with_contract.is_known_sku then 'unknown_sku'
            when usage_with_contract.contract_id is null then 'no_active_contract'
            else 'rated'
        end as rating_status
    from usage_with_contract
    left join contract_sku_prices
        on usage_with_contract.contract_id = contract_sku_prices.contract_id
            and usage_with_contract.sku = contract_sku_prices.sku
),

final as (
    select
        usage_id,
        customer_id,
        sku,
        location_id,
        usage_date,
        received_date,
        quantity,
        is_known_customer,
        is_known_sku,
        list_price,
        contract_id,
        subsidiary_id,
        contract_type,
        currency_code,
        discount_pct,
        contract_unit_price,
        unit_price,
        case when contract_unit_price is not null then 'contract_rate' else 'list_price_less_discount' end
            as price_source,
        usage_month,
        billing_month,
        rating_status,
        billing_month > usage_month as is_late_usage,
        {{ infra_accounting.money('cast(quantity as decimal(38, 4)) * unit_price') }} as rated_amount
    from rated
)

select * from final
