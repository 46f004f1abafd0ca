{{ config(
    severity='error',
    meta={'control_area': 'leases', 'control': 'Every lease schedule ends with a zero lease liability and a zero ROU asset (the payments exactly settle the liability)'}
) }}
-- Fails with the last month of each lease whose liability or ROU asset does not end at zero.
with
schedule as (select * from {{ ref('fct_lease_schedule') }}),

last_months as (
    select
        lease_id,
        max(period_month) as last_period_month
    from schedule
    group by lease_id
)

select
    schedule.lease_id,
    schedule.period_month,
    schedule.liability_closing_amount,
    schedule.rou_closing_amount
from schedule
inner join last_months
    on
        schedule.lease_id = last_months.lease_id
        and schedule.period_month = last_months.last_period_month
where schedule.liability_closing_amount <> 0 or schedule.rou_closing_amount <> 0
