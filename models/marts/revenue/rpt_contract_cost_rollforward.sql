-- One row per subsidiary per month through the close period: capitalized costs of obtaining
-- contracts (ASC 340-40 commissions) rolled forward - opening, capitalized, amortization,
-- closing - with the closing split into current and non-current, in functional currency.
with
balances as (
    select * from {{ ref('int_commission_balances_monthly') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

periods as (
    select * from {{ ref('dim_periods') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

by_subsidiary as (
    select
        subsidiary_id,
        period_month,
        sum(capitalized_amount) as capitalized_amount,
        sum(amortization_amount) as amortization_amount,
        sum(current_closing_amount) as current_closing_amount
    from balances
    group by subsidiary_id, period_month
),

spine as (
    select
        subsidiaries.subsidiary_id,
        subsidiaries.functional_currency_code as currency_code,
        periods.period_month,
        periods.is_close_period
    from subsidiaries
    cross join periods
    where exists (
            select 1 from by_subsidiary
            where by_subsidiary.subsidiary_id = subsidiaries.subsidiary_id
                and by_subsidiary.period_month <= periods.period_month
        )
),

rolled as (
    select
        spine.*,
        coalesce(by_subsidiary.capitalized_amount, 0) as capitalized_amount,
        coalesce(by_subsidiary.amortization_amount, 0) as amortization_amount,
        coalesce(by_subsidiary.current_closing_amount, 0) as current_closing_amount,
        sum(coalesce(by_subsidiary.capitalized_amount, 0) - coalesce(by_subsidiary.amortization_amount, 0)) over (
            partition by spine.subsidiary_id order by spine.period_month
            rows between unbounded preceding and current row
        ) as closing_amount
    from spine
    left join by_subsidiary
        on spine.subsidiary_id = by_subsidiary.subsidiary_id
            and spine.period_month = by_subsidiary.period_month
),

final as (
    select
        subsidiary_id,
        currency_code,
        period_month,
        is_close_period,
        cast(closing_amount - capitalized_amount + amortization_amount as decimal(18, 2)) as opening_amount,
        cast(capitalized_amount as decimal(18, 2)) as capitalized_amount,
        cast(amortization_amount as decimal(18, 2)) as amortization_amount,
        cast(closing_amount as decimal(18, 2)) as closing_amount,
        cast(current_closing_amount as decimal(18, 2)) as current_closing_amount,
        cast(closing_amount - current_closing_amount as decimal(18, 2)) as noncurrent_closing_amount
    from rolled
)

select * from final
