-- One row per CRM contract: its commercial terms, the transaction price to date (fixed
-- consideration plus usage consideration, net of promotional credits), revenue recognized
-- through the close period, and the flag for reserved capacity on dedicated hardware that
-- needs a lease review under ASC 842-10-15.
with
contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

revenue as (
    select * from {{ ref('fct_revenue') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

true_ups as (
    select * from {{ ref('int_commitments_trued_up') }}
    where is_period_ended
),

usage_monthly as (
    select * from {{ ref('int_contract_usage_summed_monthly') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

revenue_by_contract as (
    select
        contract_id,
        sum(usage_quantity) as usage_quantity,
        sum(revenue_amount + breakage_amount) as recognized_amount,
        sum(billed_amount) as billed_amount
    from revenue
    group by contract_id
),

usage_by_contract as (
    select
        contract_id,
        sum(rated_amount) as rated_amount
    from usage_monthly
    group by contract_id
),

shortfalls_by_contract as (
    select
        contract_id,
        sum(shortfall_amount) as shortfall_amount
    from true_ups
    group by contract_id
),

final as (
    select
        contracts.contract_id,
        contracts.customer_id,
        contracts.subsidiary_id,
        contracts.contract_type,
        contracts.currency_code,
        contracts.start_date,
        contracts.end_date,
        contracts.term_months,
        contracts.committed_amount,
        contracts.commit_period,
        contracts.prepaid_credit_amount,
        contracts.promotional_credit_amount,
        contracts.credit_expiry_date,
        contracts.reserved_fee,
        contracts.commission_amount,
        contracts.has_dedicated_hardware,
        contracts.contract_type = 'reserved_capacity' and contracts.has_dedicated_hardware as is_lease_review_required,
        cast(case contracts.contract_type
            when 'prepaid_credits'
                then contracts.prepaid_credit_amount + greatest(
                        coalesce(usage_by_contract.rated_amount, 0) - contracts.prepaid_credit_amount - contracts.promotional_credit_amount,
                        0
                    )
            when 'reserved_capacity'
                then cast(contracts.reserved_fee as decimal(38, 2)) * (
                {{ infra_accounting.months_between(
                    'contracts.start_month',
                    'least(coalesce(contracts.end_month, ' ~ infra_accounting.close_period_month() ~ '), '
                    ~ infra_accounting.close_period_month() ~ ')'
                ) }} + 1
                    ) + coalesce(usage_by_contract.rated_amount, 0)
            else coalesce(usage_by_contract.rated_amount, 0) + coalesce(shortfalls_by_contract.shortfall_amount, 0)
        end as decimal(18, 2)) as transaction_price_to_date_amount,
        cast(coalesce(revenue_by_contract.recognized_amount, 0) as decimal(18, 2)) as recognized_to_date_amount,
        cast(coalesce(revenue_by_contract.billed_amount, 0) as decimal(18, 2)) as billed_to_date_amount,
        cast(coalesce(revenue_by_contract.usage_quantity, 0) as decimal(18, 4)) as usage_quantity_to_date
    from contracts
    left join revenue_by_contract on contracts.contract_id = revenue_by_contract.contract_id
    left join usage_by_contract on contracts.contract_id = usage_by_contract.contract_id
    left join shortfalls_by_contract on contracts.contract_id = shortfalls_by_contract.contract_id
)

select * from final
