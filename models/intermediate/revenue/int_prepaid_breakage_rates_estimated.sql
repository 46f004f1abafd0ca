-- One row per month through the close period: the breakage rate of prepaid credits
-- estimated from the cohorts expired by that month end (share of credit face value never
-- used), the constrained rate applied, and the method it allows (DECISIONLOG R-005).
with
periods as (
    select * from {{ ref('dim_periods') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

consumed as (select * from {{ ref('int_prepaid_credits_consumed') }}),

policy as (
    select * from {{ ref('stg_policy__revenue_policy') }}
    where contract_type = 'prepaid_credits'
),

expired_cohorts as (
    select
        contract_id,
        credit_expiry_date,
        credit_face_amount,
        consumed_face_cumulative_amount,
        1 - cast(consumed_face_cumulative_amount as decimal(38, 10))
        / nullif(cast(credit_face_amount as decimal(38, 10)), 0) as cohort_breakage_rate
    from consumed
    where is_expiry_month
),

rates_by_month as (
    select
        periods.period_month,
        count(expired_cohorts.contract_id) as expired_cohort_count,
        coalesce(sum(expired_cohorts.credit_face_amount), 0) as expired_credit_face_amount,
        coalesce(sum(expired_cohorts.credit_face_amount - expired_cohorts.consumed_face_cumulative_amount), 0)
            as expired_unused_face_amount,
        avg(expired_cohorts.cohort_breakage_rate) as historical_breakage_rate
    from periods
    left join expired_cohorts on periods.period_end_date >= expired_cohorts.credit_expiry_date
    group by periods.period_month
),

final as (
    select
        rates_by_month.period_month,
        rates_by_month.expired_cohort_count,
        cast(rates_by_month.expired_credit_face_amount as decimal(18, 2)) as expired_credit_face_amount,
        cast(rates_by_month.expired_unused_face_amount as decimal(18, 2)) as expired_unused_face_amount,
        {{ infra_accounting.rate('coalesce(rates_by_month.historical_breakage_rate, 0)') }} as historical_breakage_rate,
        coalesce(policy.breakage_estimate_haircut_pct, 0) as breakage_estimate_haircut_pct,
        case
            when rates_by_month.expired_cohort_count >= coalesce(policy.breakage_minimum_expired_cohorts, 999999)
                then 'proportional'
            else 'remote'
        end as breakage_method,
        case
            when rates_by_month.expired_cohort_count >= coalesce(policy.breakage_minimum_expired_cohorts, 999999)
                then {{ infra_accounting.rate(
                    'coalesce(rates_by_month.historical_breakage_rate, 0) * (1 - coalesce(policy.breakage_estimate_haircut_pct, 0))'
                ) }}
            else cast(0 as decimal(18, 8))
        end as applied_breakage_rate
    from rates_by_month
    cross join policy
)

select * from final
