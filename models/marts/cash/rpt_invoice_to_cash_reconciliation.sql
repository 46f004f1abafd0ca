-- One row per bank receipt through the close period and per ERP customer payment not found
-- on a bank statement: the matched payment, the invoices it was applied to (one payment may
-- pay many invoices), unapplied cash and, for anything unmatched, its age at the close.
-- A view: the rows are kept by int_invoice_to_cash_rows, which a close writes again only
-- where it can change them; the age, which every close changes, is added as the view is read.
{{ config(materialized='view') }}

with
reconciliation_rows as (select * from {{ ref('int_invoice_to_cash_rows') }}),

periods as (
    select * from {{ ref('dim_periods') }}
    where is_close_period
),

final as (
    select
        reconciliation_rows.*,
        date_diff(
            'day', coalesce(reconciliation_rows.posted_date, reconciliation_rows.payment_date), periods.period_end_date
        ) as age_days
    from reconciliation_rows
    cross join periods
)

select * from final
