-- One row per prepaid-credits contract per month from its start to its credit expiry (or
-- the close period): the credits purchased and granted free, usage rated at the contract
-- price, and the face value of credits consumed (cumulative, capped at the credits held).
with
contracts as (
    select * from {{ ref('int_revenue_contracts_enriched') }}
    where contract_type = 'prepaid_credits' and prepaid_credit_amount is not null
),

usage_monthly as (select * from {{ ref('int_contract_usage_summed_monthly') }}),

contract_months as (
    select
        contracts.contract_id,
        contracts.prepaid_credit_amount,
        contracts.promotional_credit_amount,
        coalesce(contracts.credit_expiry_date, contracts.end_date) as credit_expiry_date,
        cast(month_series.period_month as date) as period_month
    from contracts
    cross join lateral generate_series(
        contracts.start_month,
        least(
            {{ infra_accounting.month_start('coalesce(contracts.credit_expiry_date, contracts.end_date)') }},
            {{ infra_accounting.close_period_month() }}
        ),
        interval 1 month
    ) as month_series (period_month)
),

usage_by_contract_month as (
    select
        contract_id,
        period_month,
        sum(usage_quantity) as usage_quantity,
        sum(rated_amount) as rated_amount
    from usage_monthly
    group by contract_id, period_month
),

with_usage as (
    select
        contract_months.*,
        coalesce(usage_by_contract_month.usage_quantity, 0) as usage_quantity,
        coalesce(usage_by_contract_month.rated_amount, 0) as rated_amount,
        sum(coalesce(usage_by_contract_month.rated_amount, 0)) over (
            partition by contract_months.contract_id order by contract_months.period_month
            rows between unbounded preceding and current row
        ) as rated_cumulative_amount
    from contract_months
    left join usage_by_contract_month
        on contract_months.contract_id = usage_by_contract_month.contract_id
            and contract_months.period_month = usage_by_contract_month.period_month
),

final as (
    select
        contract_id,
        period_month,
        credit_expiry_date,
        {{ infra_accounting.month_start('credit_expiry_date') }} = period_month as is_expiry_month,
        prepaid_credit_amount,
        promotional_credit_amount,
        cast(prepaid_credit_amount + promotional_credit_amount as decimal(18, 2)) as credit_face_amount,
        cast(usage_quantity as decimal(18, 4)) as usage_quantity,
        cast(rated_amount as decimal(18, 2)) as rated_amount,
        cast(least(rated_cumulative_amount, prepaid_credit_amount + promotional_credit_amount) as decimal(18, 2))
            as consumed_face_cumulative_amount,
        cast(greatest(rated_cumulative_amount - prepaid_credit_amount - promotional_credit_amount, 0) as decimal(18, 2))
            as overage_cumulative_amount
    from with_usage
)

select * from final
