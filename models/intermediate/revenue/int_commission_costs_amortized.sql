-- One row per contract with a commission per month of its amortization period (contract
-- term plus expected renewals, ASC 340-40-35-1), or a single expensed row when the period
-- is one year or less (practical expedient, ASC 340-40-25-4). Capitalized in the month the
-- contract is signed; amortized straight line from the start month, residual in the last.
with
contracts as (
    select * from {{ ref('int_revenue_contracts_enriched') }}
    where coalesce(commission_amount, 0) > 0
),

classified as (
    select
        contract_id,
        subsidiary_id,
        currency_code,
        commission_amount,
        {{ infra_accounting.month_start('coalesce(signed_date, start_date)') }} as capitalization_month,
        start_month,
        coalesce(term_months, 12) + expected_renewal_months as amortization_months,
        coalesce(term_months, 12) + expected_renewal_months > commission_expedient_months as is_capitalized
    from contracts
),

schedule as (
    select
        classified.*,
        cast(month_series.period_month as date) as period_month,
        month_series.month_number,
        {{ infra_accounting.money_share('classified.commission_amount', '1', 'classified.amortization_months') }} as month_share_amount
    from classified
    cross join
        lateral (
            select
                {{ infra_accounting.add_months('classified.start_month', 'month_number') }} as period_month,
                month_number
            from generate_series(0, classified.amortization_months - 1) as months (month_number)
        ) as month_series
    where classified.is_capitalized
),

amortized as (
    select
        contract_id,
        subsidiary_id,
        currency_code,
        commission_amount,
        capitalization_month,
        amortization_months,
        is_capitalized,
        period_month,
        {{ infra_accounting.allocate_money('commission_amount', 'month_share_amount', 'contract_id', 'period_month') }}
            as amortization_amount
    from schedule
),

expensed as (
    select
        contract_id,
        subsidiary_id,
        currency_code,
        commission_amount,
        capitalization_month,
        amortization_months,
        is_capitalized,
        capitalization_month as period_month,
        cast(0 as decimal(18, 2)) as amortization_amount
    from classified
    where not is_capitalized
),

final as (
    select * from amortized
    union all
    select * from expensed
)

select * from final
