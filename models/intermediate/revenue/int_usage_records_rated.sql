-- One row per metered usage record: the contract it belongs to, the price it is rated at
-- and its rating status (rated, or the reason it cannot be rated).
with
usage as (select * from {{ ref('stg_metering__usage') }}),

customers as (select * from {{ ref('stg_erp__customers') }}),

skus as (select * from {{ ref('stg_metering__skus') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

contract_rates as (select * from {{ ref('stg_crm__contract_rates') }}),

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
        contracts.contract_id,
        contracts.subsidiary_id,
        contracts.contract_type,
        contracts.currency_code,
        contracts.discount_pct
    from usage
    left join customers on usage.customer_id = customers.customer_id
    left join skus on usage.sku = skus.sku
    left join contracts
        on usage.customer_id = contracts.customer_id
            and usage.usage_date >= contracts.start_date
            and usage.usage_date <= contracts.usage_end_date
),

rated as (
    select
        usage_with_contract.*,
        contract_rates.unit_price as contract_unit_price,
        coalesce(
            contract_rates.unit_price,
            {{ infra_accounting.rate('usage_with_contract.list_price * (1 - coalesce(usage_with_contract.discount_pct, 0))') }}
        ) as unit_price,
        case
            when contract_rates.unit_price is not null then 'contract_rate'
            else 'list_price_less_discount'
        end as price_source,
        {{ infra_accounting.month_start('usage_with_contract.usage_date') }} as usage_month,
        {{ infra_accounting.month_start('coalesce(usage_with_contract.received_date, usage_with_contract.usage_date + 1) - 1') }}
            as billing_month,
        case
            when not usage_with_contract.is_known_customer then 'unknown_customer'
            when not usage_with_contract.is_known_sku then 'unknown_sku'
            when usage_with_contract.contract_id is null then 'no_active_contract'
            else 'rated'
        end as rating_status
    from usage_with_contract
    left join contract_rates
        on usage_with_contract.contract_id = contract_rates.contract_id
            and usage_with_contract.sku = contract_rates.sku
),

final as (
    select
        *,
        billing_month > usage_month as is_late_usage,
        {{ infra_accounting.money('quantity * unit_price') }} as rated_amount
    from rated
)

select * from final
