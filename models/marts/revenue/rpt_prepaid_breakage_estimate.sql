-- One row per prepaid-credits contract as of its last month through the close period (the
-- close month, or its expiry month if it expired before): credits bought and granted, face
-- consumed, the breakage estimate with its inputs (expired cohorts, historical and applied
-- rate, method), breakage recognized to date and the contract liability left.
with
drawn_down as (
    select * from {{ ref('int_prepaid_credits_drawn_down') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

breakage_rates as (select * from {{ ref('int_prepaid_breakage_rates_estimated') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

latest as (
    select *
    from drawn_down
    qualify row_number() over (
            partition by contract_id order by period_month desc
        ) = 1
),

final as (
    select
        latest.contract_id,
        contracts.customer_id,
        contracts.subsidiary_id,
        contracts.currency_code,
        latest.period_month as as_of_month,
        latest.credit_expiry_date,
        latest.is_expiry_month as is_expired,
        latest.prepaid_credit_amount,
        latest.promotional_credit_amount,
        latest.credit_face_amount,
        latest.consumed_face_cumulative_amount,
        breakage_rates.expired_cohort_count,
        breakage_rates.expired_credit_face_amount,
        breakage_rates.expired_unused_face_amount,
        breakage_rates.historical_breakage_rate,
        breakage_rates.breakage_estimate_haircut_pct,
        latest.breakage_method,
        latest.applied_breakage_rate,
        latest.expected_breakage_amount,
        latest.drawdown_cumulative_amount,
        latest.breakage_cumulative_amount,
        cast(
            latest.prepaid_credit_amount - latest.drawdown_cumulative_amount - latest.breakage_cumulative_amount
            as decimal(18, 2)
        ) as contract_liability_amount
    from latest
    inner join contracts on latest.contract_id = contracts.contract_id
    left join breakage_rates on latest.period_month = breakage_rates.period_month
)

select * from final
