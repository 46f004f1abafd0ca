-- One row per subsidiary per currency per classification per maturity bucket (year 1 .. year 5
-- after the close period, thereafter): undiscounted lease payments, the interest they include
-- (imputed interest) and the principal, which sums to the lease liability at the close period
-- (ASC 842-20-50-6). Year 1 principal is the current liability.
with
schedule as (select * from {{ ref('fct_lease_schedule') }}),

at_close as (
    select
        lease_id,
        classification
    from schedule
    where is_close_period and classification in ('operating', 'finance')
),

future as (
    select
        schedule.subsidiary_id,
        schedule.currency_code,
        at_close.classification,
        schedule.lease_id,
        {{ infra_accounting.months_between(infra_accounting.close_period_month(), 'schedule.period_month') }}
            as months_after_close,
        schedule.payment_amount,
        schedule.interest_amount
    from schedule
    inner join at_close on schedule.lease_id = at_close.lease_id
    where schedule.is_after_close_period
),

bucketed as (
    select
        future.*,
        case
            when future.months_after_close <= 60 then 'year_' || ((future.months_after_close - 1) // 12 + 1)
            else 'thereafter'
        end as maturity_bucket,
        case when future.months_after_close <= 60 then (future.months_after_close - 1) // 12 + 1 else 6 end
            as maturity_bucket_order
    from future
),

final as (
    select
        subsidiary_id,
        currency_code,
        classification,
        maturity_bucket,
        cast(maturity_bucket_order as integer) as maturity_bucket_order,
        {{ infra_accounting.close_period_month() }} as close_period_month,
        cast(sum(payment_amount) as decimal(18, 2)) as undiscounted_payment_amount,
        cast(sum(interest_amount) as decimal(18, 2)) as imputed_interest_amount,
        cast(sum(payment_amount) - sum(interest_amount) as decimal(18, 2)) as principal_amount,
        cast(count(distinct lease_id) as integer) as lease_count
    from bucketed
    group by subsidiary_id, currency_code, classification, maturity_bucket, maturity_bucket_order
)

select * from final
