-- One row per ERP customer payment received by the end of the close period with cash not
-- applied to any invoice by then: the unapplied amount and its age.
with
payments as (
    select * from {{ ref('stg_erp__payments') }}
    where payment_date <= last_day({{ infra_accounting.close_period_month() }})
),

applications as (select * from {{ ref('int_payment_applications_cut_off') }}),

periods as (
    select * from {{ ref('dim_periods') }}
    where is_close_period
),

applied as (
    select
        payment_id,
        sum(applied_amount) as applied_amount
    from applications
    group by payment_id
),

final as (
    select
        payments.payment_id,
        payments.customer_id,
        payments.subsidiary_id,
        payments.bank_account_id,
        payments.currency_code,
        payments.payment_date,
        payments.reference,
        payments.amount as payment_amount,
        cast(coalesce(applied.applied_amount, 0) as decimal(18, 2)) as applied_amount,
        cast(payments.amount - coalesce(applied.applied_amount, 0) as decimal(18, 2)) as unapplied_amount,
        date_diff('day', payments.payment_date, periods.period_end_date) as age_days
    from payments
    cross join periods
    left join applied on payments.payment_id = applied.payment_id
    where payments.amount - coalesce(applied.applied_amount, 0) <> 0
)

select * from final
