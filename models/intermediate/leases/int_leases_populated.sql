-- One row per lease in the population: every lease abstract plus every service contract that
-- contains a lease (ASC 842-10-15), with the lease term including options reasonably certain.
with
lease_contracts as (select * from {{ ref('stg_leases__lease_contracts') }}),

service_contracts as (select * from {{ ref('int_service_contracts_assessed') }}),

lease_policy as (
    select * from {{ ref('stg_policy__lease_policy') }}
    where policy_id = 'default'
),

component_policy as (select * from {{ ref('stg_policy__lease_component_policy') }}),

explicit_payments as (select distinct lease_id from {{ ref('stg_leases__lease_payments') }}),

abstracts as (
    select
        lease_contracts.lease_id,
        'lease_abstract' as lease_source,
        lease_contracts.subsidiary_id,
        lease_contracts.lessor_name,
        lease_contracts.asset_type,
        lease_contracts.description,
        lease_contracts.commencement_date,
        lease_contracts.end_date,
        lease_contracts.payment_frequency,
        lease_contracts.payment_timing,
        lease_contracts.base_payment,
        lease_contracts.currency_code,
        coalesce(lease_contracts.annual_escalation_pct, 0) as annual_escalation_pct,
        lease_contracts.discount_rate,
        lease_contracts.fair_value,
        lease_contracts.economic_life_months,
        coalesce(lease_contracts.transfers_ownership, false) as transfers_ownership,
        lease_contracts.purchase_option_price,
        coalesce(lease_contracts.purchase_option_reasonably_certain, false) as purchase_option_reasonably_certain,
        coalesce(lease_contracts.renewal_option_months, 0) as renewal_option_months,
        coalesce(lease_contracts.renewal_reasonably_certain, false) as renewal_reasonably_certain,
        coalesce(lease_contracts.residual_value_guarantee_amount, 0) as residual_value_guarantee_amount,
        coalesce(lease_contracts.is_specialized_asset, false) as is_specialized_asset,
        coalesce(lease_contracts.initial_direct_costs, 0) as initial_direct_costs,
        coalesce(lease_contracts.lease_incentives, 0) as lease_incentives,
        coalesce(lease_contracts.prepaid_rent, 0) as prepaid_rent,
        coalesce(lease_contracts.is_short_term_election, false) as is_short_term_election,
        coalesce(lease_contracts.non_lease_component_amount, 0) as non_lease_component_amount
    from lease_contracts
),

embedded as (
    select
        service_contracts.contract_id as lease_id,
        'embedded_service_contract' as lease_source,
        service_contracts.subsidiary_id,
        service_contracts.vendor_name as lessor_name,
        lease_policy.embedded_lease_asset_type as asset_type,
        service_contracts.description,
        service_contracts.start_date as commencement_date,
        service_contracts.end_date,
        'monthly' as payment_frequency,
        'advance' as payment_timing,
        service_contracts.monthly_fee as base_payment,
        service_contracts.currency_code,
        cast(0 as decimal(18, 8)) as annual_escalation_pct,
        lease_policy.embedded_lease_discount_rate as discount_rate,
        cast(null as decimal(18, 2)) as fair_value,
        cast(null as integer) as economic_life_months,
        false as transfers_ownership,
        cast(null as decimal(18, 2)) as purchase_option_price,
        false as purchase_option_reasonably_certain,
        0 as renewal_option_months,
        false as renewal_reasonably_certain,
        cast(0 as decimal(18, 2)) as residual_value_guarantee_amount,
        false as is_specialized_asset,
        cast(0 as decimal(18, 2)) as initial_direct_costs,
        cast(0 as decimal(18, 2)) as lease_incentives,
        cast(0 as decimal(18, 2)) as prepaid_rent,
        lease_policy.embedded_lease_short_term_election
        and {{ infra_accounting.months_between('service_contracts.start_date', 'service_contracts.end_date + interval 1 day') }}
        <= lease_policy.short_term_max_months as is_short_term_election,
        cast(0 as decimal(18, 2)) as non_lease_component_amount
    from service_contracts
    cross join lease_policy
    where service_contracts.contains_lease
),

unioned as (
    select * from abstracts
    union all
    select * from embedded
),

with_term as (
    select
        unioned.*,
        explicit_payments.lease_id is not null as has_explicit_schedule,
        -- embedded leases: the fee is one price for the lease and its services (combined)
        coalesce(component_policy.combine_non_lease_components, true)
        or unioned.lease_source = 'embedded_service_contract' as combine_non_lease_components,
        coalesce(component_policy.non_lease_cost_account, '5100') as non_lease_cost_account,
        {{ infra_accounting.month_start('unioned.commencement_date') }} as commencement_month,
        case unioned.payment_frequency when 'monthly' then 12 when 'quarterly' then 4 else 1 end as payments_per_year,
        case
            when unioned.renewal_reasonably_certain then unioned.renewal_option_months else 0
        end as certain_renewal_months
    from unioned
    left join explicit_payments on unioned.lease_id = explicit_payments.lease_id
    left join component_policy on unioned.asset_type = component_policy.asset_type
),

final as (
    select
        *,
        {{ infra_accounting.months_between('commencement_date', 'end_date + interval 1 day') }} as noncancellable_term_months,
        {{ infra_accounting.months_between('commencement_date', 'end_date + interval 1 day') }}
        + certain_renewal_months as lease_term_months,
        {{ infra_accounting.add_months('end_date', 'certain_renewal_months') }} as lease_term_end_date
    from with_term
)

select * from final
