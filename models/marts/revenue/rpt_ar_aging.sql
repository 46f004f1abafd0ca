-- One row per customer invoice open at the end of the close period: amount invoiced,
-- payments applied by then, the open balance and its age band by days past due.
with
invoices as (
    select * from {{ ref('stg_erp__invoices') }}
    where invoice_date <= last_day({{ infra_accounting.close_period_month() }})
),

applications as (select * from {{ ref('int_payment_applications_cut_off') }}),

periods as (
    select * from {{ ref('dim_periods') }}
    where is_close_period
),

applied as (
    select
        invoice_id,
        sum(applied_amount) as applied_amount
    from applications
    group by invoice_id
),

open_invoices as (
    select
        invoices.invoice_id,
        invoices.customer_id,
        invoices.subsidiary_id,
        invoices.contract_id,
        invoices.currency_code,
        invoices.invoice_date,
        coalesce(invoices.due_date, invoices.invoice_date) as due_date,
        invoices.total_amount as invoice_amount,
        coalesce(applied.applied_amount, 0) as applied_amount,
        invoices.total_amount - coalesce(applied.applied_amount, 0) as open_amount,
        date_diff('day', coalesce(invoices.due_date, invoices.invoice_date), periods.period_end_date) as days_past_due
    from invoices
    cross join periods
    left join applied on invoices.invoice_id = applied.invoice_id
),

final as (
    select
        invoice_id,
        customer_id,
        subsidiary_id,
        contract_id,
        currency_code,
        invoice_date,
        due_date,
        cast(invoice_amount as decimal(18, 2)) as invoice_amount,
        cast(applied_amount as decimal(18, 2)) as applied_amount,
        cast(open_amount as decimal(18, 2)) as open_amount,
        days_past_due,
        case
            when days_past_due <= 0 then 'current'
            when days_past_due <= 30 then '1_30_days'
            when days_past_due <= 60 then '31_60_days'
            when days_past_due <= 90 then '61_90_days'
            else 'over_90_days'
        end as aging_bucket
    from open_invoices
    where open_amount <> 0
)

select * from final
