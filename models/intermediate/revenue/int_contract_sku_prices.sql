-- One row per contract and SKU of the price list: the price usage of that SKU is rated at
-- under that contract (the contract rate, else list price less the contract discount), plus
-- one row per contract rate of an SKU not in the price list or of a contract not in the CRM
-- extract (its price is the rate), so a record finds its price in one join. Small (contracts
-- x SKUs): rating joins it after summing the records, not per record.
with
skus as (select * from {{ ref('stg_metering__skus') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

contract_rates as (select * from {{ ref('stg_crm__contract_rates') }}),

final as (
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
)

select * from final
