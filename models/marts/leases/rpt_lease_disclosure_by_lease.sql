-- One row per lease carried at the close period (operating, finance or short-term): the
-- lease-level detail behind every disclosure total - liability (current / non-current), ROU,
-- remaining term, discount rate, fiscal-year-to-date cost, and the undiscounted payments by
-- maturity year with the imputed interest.
with
schedule as (select * from {{ ref('fct_lease_schedule') }}),

segments as (select * from {{ ref('int_lease_segments_prepared') }}),

periods as (select * from {{ ref('dim_periods') }}),

at_close as (
    select * from schedule
    where is_close_period
),

close_year as (
    select fiscal_year from periods
    where period_month = {{ infra_accounting.close_period_month() }}
),

year_to_date as (
    select
        schedule.lease_id,
        sum(schedule.lease_cost_amount) as ytd_lease_cost_amount,
        sum(schedule.variable_payment_amount) as ytd_variable_cost_amount
    from schedule
    inner join periods on schedule.period_month = periods.period_month
    inner join close_year on periods.fiscal_year = close_year.fiscal_year
    where not schedule.is_after_close_period
    group by schedule.lease_id
),

future as (
    select
        lease_id,
        {{ infra_accounting.months_between(infra_accounting.close_period_month(), 'period_month') }} as months_after_close,
        payment_amount,
        interest_amount
    from schedule
    where is_after_close_period
),

maturities as (
    select
        lease_id,
        sum(case when months_after_close between 1 and 12 then payment_amount else 0 end) as payments_year_1_amount,
        sum(case when months_after_close between 13 and 24 then payment_amount else 0 end) as payments_year_2_amount,
        sum(case when months_after_close between 25 and 36 then payment_amount else 0 end) as payments_year_3_amount,
        sum(case when months_after_close between 37 and 48 then payment_amount else 0 end) as payments_year_4_amount,
        sum(case when months_after_close between 49 and 60 then payment_amount else 0 end) as payments_year_5_amount,
        sum(case when months_after_close > 60 then payment_amount else 0 end) as payments_thereafter_amount,
        sum(payment_amount) as undiscounted_payment_amount,
        sum(interest_amount) as imputed_interest_amount,
        max(case when payment_amount <> 0 then months_after_close else 0 end) as remaining_payment_months
    from future
    group by lease_id
),

final as (
    select
        at_close.lease_id,
        at_close.subsidiary_id,
        at_close.currency_code,
        at_close.classification,
        {{ infra_accounting.close_period_month() }} as close_period_month,
        at_close.liability_closing_amount as lease_liability_amount,
        at_close.liability_current_amount as current_liability_amount,
        at_close.liability_noncurrent_amount as noncurrent_liability_amount,
        at_close.rou_closing_amount as rou_amount,
        cast(coalesce(maturities.remaining_payment_months, 0) as integer) as remaining_payment_months,
        segments.annual_rate as discount_rate,
        cast(coalesce(year_to_date.ytd_lease_cost_amount, 0) as decimal(18, 2)) as ytd_lease_cost_amount,
        cast(coalesce(year_to_date.ytd_variable_cost_amount, 0) as decimal(18, 2)) as ytd_variable_cost_amount,
        cast(coalesce(maturities.payments_year_1_amount, 0) as decimal(18, 2)) as payments_year_1_amount,
        cast(coalesce(maturities.payments_year_2_amount, 0) as decimal(18, 2)) as payments_year_2_amount,
        cast(coalesce(maturities.payments_year_3_amount, 0) as decimal(18, 2)) as payments_year_3_amount,
        cast(coalesce(maturities.payments_year_4_amount, 0) as decimal(18, 2)) as payments_year_4_amount,
        cast(coalesce(maturities.payments_year_5_amount, 0) as decimal(18, 2)) as payments_year_5_amount,
        cast(coalesce(maturities.payments_thereafter_amount, 0) as decimal(18, 2)) as payments_thereafter_amount,
        cast(coalesce(maturities.undiscounted_payment_amount, 0) as decimal(18, 2)) as undiscounted_payment_amount,
        cast(coalesce(maturities.imputed_interest_amount, 0) as decimal(18, 2)) as imputed_interest_amount
    from at_close
    inner join segments
        on
            at_close.lease_id = segments.lease_id
            and at_close.segment_number = segments.segment_number
    left join year_to_date on at_close.lease_id = year_to_date.lease_id
    left join maturities on at_close.lease_id = maturities.lease_id
)

select * from final
