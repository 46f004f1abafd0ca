-- One row per bank receipt through the close period and per ERP customer payment not found
-- on a bank statement: the matched payment, the invoices it was applied to (one payment may
-- pay many invoices), unapplied cash and the status - the invoice-to-cash reconciliation
-- without the age, which changes at every close (rpt_invoice_to_cash_reconciliation adds it).
-- Incremental: a run deletes and writes again the receipts posted from
-- incremental_start_month() on and the rows of the payments a close can change
-- (invoice_to_cash_payments_touched: dated or applied from that month on, or not matched to
-- a receipt of a closed month); every other row's receipt, match, payment and applications
-- are in closed months, so it is kept as written (DECISIONLOG C-015). A full build writes
-- every row.
-- depends_on: {{ ref('stg_erp__payments') }}
{{
    infra_accounting.incremental_appended_after_delete(
        "{{ infra_accounting.delete_invoice_to_cash_rows_touched() }}",
        "{{ infra_accounting.record_first_month_written(infra_accounting.incremental_start_month()) }}"
    )
}}

with
-- the payments whose rows this run writes again (read only by an incremental run)
payments_touched as (
    select touched.payment_id
    from {{ infra_accounting.invoice_to_cash_payments_touched() }} as touched
),

all_receipts as (select * from {{ ref('int_bank_receipts_matched') }}),

receipts as (
    select * from all_receipts
    {% if is_incremental() -%}
        where
            posted_date >= {{ infra_accounting.incremental_start_month() }}
            or payment_id in (select payments_touched.payment_id from payments_touched)
    {%- endif %}
),

payments as (
    select * from {{ ref('stg_erp__payments') }}
    where
        payment_date <= last_day({{ infra_accounting.close_period_month() }})
        {% if is_incremental() -%}
            and payment_id in (select payments_touched.payment_id from payments_touched)
        {%- endif %}
),

applications as (
    select * from {{ ref('int_payment_applications_cut_off') }}
    {% if is_incremental() -%}
        where payment_id in (select payments_touched.payment_id from payments_touched)
    {%- endif %}
),

-- the invoices as one sorted, distinct list per payment, counted and joined from the same
-- list (a count(distinct) beside it made DuckDB group the applications a second time: at L
-- a third of the model's time)
applied_by_payment as (
    select
        payment_id,
        len(invoice_id_list) as invoice_count,
        {{ infra_accounting.joined_list('invoice_id_list') }} as invoice_ids,
        applied_amount
    from (
        select
            payment_id,
            {{ infra_accounting.sorted_distinct_values('invoice_id') }} as invoice_id_list,
            sum(applied_amount) as applied_amount
        from applications
        group by payment_id
    ) as applied
),

bank_lines as (
    select
        receipts.bank_account_id || '|' || receipts.transaction_id as reconciliation_row_id,
        receipts.bank_account_id,
        receipts.transaction_id,
        receipts.subsidiary_id,
        receipts.posted_date,
        receipts.amount as bank_amount,
        receipts.currency_code,
        receipts.counterparty,
        receipts.reference,
        receipts.payment_id,
        payments.customer_id,
        payments.payment_date,
        payments.amount as payment_amount,
        receipts.match_rule
    from receipts
    left join payments on receipts.payment_id = payments.payment_id
),

-- a payment is on a statement when any receipt of the history is matched to it
payments_not_on_statement as (
    select
        'PMT|' || payments.payment_id as reconciliation_row_id,
        payments.bank_account_id,
        cast(null as varchar) as transaction_id,
        payments.subsidiary_id,
        cast(null as date) as posted_date,
        cast(null as decimal(18, 2)) as bank_amount,
        payments.currency_code,
        cast(null as varchar) as counterparty,
        payments.reference,
        payments.payment_id,
        payments.customer_id,
        payments.payment_date,
        payments.amount as payment_amount,
        cast(null as varchar) as match_rule
    from payments
    where not exists (
            select 1 from all_receipts
            where all_receipts.payment_id = payments.payment_id
        )
),

combined as (
    select * from bank_lines
    union all
    select * from payments_not_on_statement
),

final as (
    select
        combined.*,
        coalesce(applied_by_payment.invoice_count, 0) as invoice_count,
        applied_by_payment.invoice_ids,
        cast(coalesce(applied_by_payment.applied_amount, 0) as decimal(18, 2)) as applied_amount,
        cast(case
            when combined.payment_id is not null then combined.payment_amount - coalesce(applied_by_payment.applied_amount, 0)
            else 0
        end as decimal(18, 2)) as unapplied_amount,
        case
            when combined.transaction_id is null then 'payment_not_on_bank_statement'
            when combined.payment_id is null then 'unmatched_bank_line'
            when coalesce(applied_by_payment.applied_amount, 0) = 0 then 'matched_unapplied'
            when combined.payment_amount > applied_by_payment.applied_amount then 'matched_partially_applied'
            else 'matched_applied'
        end as reconciliation_status
    from combined
    left join applied_by_payment on combined.payment_id = applied_by_payment.payment_id
)

select * from final
