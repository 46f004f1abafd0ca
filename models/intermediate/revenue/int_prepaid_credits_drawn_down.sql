-- One row per prepaid-credits contract per month: the contract liability drawn down as
-- credits are consumed (at the paid share of face value, since promotional credits reduce
-- the transaction price), breakage recognized in proportion to use when expected (or at
-- expiry when remote) with its inputs, the true-up at expiry, and usage beyond the credits.
with
consumed as (select * from {{ ref('int_prepaid_credits_consumed') }}),

breakage_rates as (select * from {{ ref('int_prepaid_breakage_rates_estimated') }}),

cumulative as (
    select
        consumed.*,
        breakage_rates.breakage_method,
        breakage_rates.applied_breakage_rate,
        {{ infra_accounting.money_share(
            'consumed.consumed_face_cumulative_amount', 'consumed.prepaid_credit_amount', 'consumed.credit_face_amount'
        ) }} as drawdown_cumulative_amount
    from consumed
    left join breakage_rates on consumed.period_month = breakage_rates.period_month
),

with_breakage as (
    select
        cumulative.*,
        {{ infra_accounting.money('cast(cumulative.prepaid_credit_amount as decimal(38, 2)) * cumulative.applied_breakage_rate') }}
            as expected_breakage_amount,
        case
            when cumulative.is_expiry_month
                then cumulative.prepaid_credit_amount - cumulative.drawdown_cumulative_amount
            when cumulative.breakage_method = 'proportional' and cumulative.applied_breakage_rate > 0
                then least(
                        cumulative.prepaid_credit_amount - cumulative.drawdown_cumulative_amount,
                    {{ infra_accounting.money_share(
                        'cumulative.consumed_face_cumulative_amount',
                        'cast(cumulative.prepaid_credit_amount as decimal(38, 2)) * cumulative.applied_breakage_rate',
                        'cast(cumulative.credit_face_amount as decimal(38, 2)) * (1 - cumulative.applied_breakage_rate)',
                        scale=10
                    ) }}
                    )
            else 0
        end as breakage_cumulative_amount
    from cumulative
),

final as (
    select
        contract_id,
        period_month,
        credit_expiry_date,
        is_expiry_month,
        prepaid_credit_amount,
        promotional_credit_amount,
        credit_face_amount,
        usage_quantity,
        rated_amount,
        consumed_face_cumulative_amount,
        breakage_method,
        applied_breakage_rate,
        expected_breakage_amount,
        cast(drawdown_cumulative_amount as decimal(18, 2)) as drawdown_cumulative_amount,
        cast(breakage_cumulative_amount as decimal(18, 2)) as breakage_cumulative_amount,
        cast(drawdown_cumulative_amount - coalesce(lag(drawdown_cumulative_amount) over (
            partition by contract_id order by period_month rows between 1 preceding and 1 preceding
        ), 0) as decimal(18, 2)) as drawdown_revenue_amount,
        cast(breakage_cumulative_amount - coalesce(lag(breakage_cumulative_amount) over (
            partition by contract_id order by period_month rows between 1 preceding and 1 preceding
        ), 0) as decimal(18, 2)) as breakage_amount,
        cast(overage_cumulative_amount - coalesce(lag(overage_cumulative_amount) over (
            partition by contract_id order by period_month rows between 1 preceding and 1 preceding
        ), 0) as decimal(18, 2)) as overage_amount
    from with_breakage
)

select * from final
