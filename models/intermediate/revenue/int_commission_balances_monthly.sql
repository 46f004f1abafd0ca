-- One row per capitalized commission per month from its capitalization month to the end of
-- its amortization: capitalized, amortized, the closing asset and its current portion (the
-- amortization of the next twelve months) and the reclass from non-current to current.
with
schedule as (
    select * from {{ ref('int_commission_costs_amortized') }}
    where is_capitalized
),

contracts as (
    select
        contract_id,
        subsidiary_id,
        currency_code,
        commission_amount,
        capitalization_month,
        least(capitalization_month, min(period_month)) as first_month,
        max(period_month) as last_month
    from schedule
    group by contract_id, subsidiary_id, currency_code, commission_amount, capitalization_month
),

spine as (
    select
        contracts.*,
        cast(month_series.period_month as date) as period_month
    from contracts
    cross join lateral generate_series(contracts.first_month, contracts.last_month, interval 1 month)
        as month_series (period_month)
),

with_activity as (
    select
        spine.contract_id,
        spine.subsidiary_id,
        spine.currency_code,
        spine.period_month,
        case when spine.period_month = spine.capitalization_month then spine.commission_amount else 0 end
            as capitalized_amount,
        coalesce(schedule.amortization_amount, 0) as amortization_amount
    from spine
    left join schedule
        on spine.contract_id = schedule.contract_id
            and spine.period_month = schedule.period_month
),

with_balances as (
    select
        *,
        sum(capitalized_amount - amortization_amount) over (
            partition by contract_id order by period_month
            rows between unbounded preceding and current row
        ) as closing_amount,
        coalesce(sum(amortization_amount) over (
            partition by contract_id order by period_month
            rows between 1 following and 12 following
        ), 0) as current_closing_amount
    from with_activity
),

final as (
    select
        contract_id,
        subsidiary_id,
        currency_code,
        period_month,
        cast(capitalized_amount as decimal(18, 2)) as capitalized_amount,
        cast(amortization_amount as decimal(18, 2)) as amortization_amount,
        cast(closing_amount as decimal(18, 2)) as closing_amount,
        cast(least(current_closing_amount, closing_amount) as decimal(18, 2)) as current_closing_amount,
        cast(closing_amount - least(current_closing_amount, closing_amount) as decimal(18, 2)) as noncurrent_closing_amount,
        cast(
            least(current_closing_amount, closing_amount)
            - coalesce(lag(least(current_closing_amount, closing_amount)) over (
                partition by contract_id order by period_month rows between 1 preceding and 1 preceding
            ), 0)
            + amortization_amount
            as decimal(18, 2)
        ) as reclass_to_current_amount
    from with_balances
)

select * from final
