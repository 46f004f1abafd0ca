{#- The ERP payments whose invoice-to-cash rows an incremental close writes again, as a
    subquery of payment_id: the payments dated from incremental_start_month() on, those with
    an application dated from then on or undated (undated applications are re-read at every
    close), and those not matched to a bank receipt posted before that month - the payments
    int_bank_receipts_matched can match (or stop matching) when it matches the receipts from
    that month on again, and the payments not on a statement. Every other payment is matched
    to a receipt of a closed month, and that row's receipt, match, payment and applications
    are all in closed months: it is as the last close wrote it (DECISIONLOG C-015). -#}
{% macro invoice_to_cash_payments_touched() -%}
    {%- set start_month = infra_accounting.incremental_start_month() -%}
    (
        select payment_id from {{ ref('stg_erp__payments') }}
        where payment_date >= {{ start_month }}
        union
        select payment_id from {{ ref('int_payment_applications_cut_off') }}
        where application_date >= {{ start_month }} or application_date is null
        union
        select payments.payment_id from {{ ref('stg_erp__payments') }} as payments
        where not exists (
                select 1 from {{ ref('int_bank_receipts_matched') }} as closed_month_receipts
                where
                    closed_month_receipts.payment_id = payments.payment_id
                    and closed_month_receipts.posted_date < {{ start_month }}
            )
    )
{%- endmacro %}

{#- Pre-hook of int_invoice_to_cash_rows: in an incremental run, delete the rows the run
    writes again - the receipts posted from incremental_start_month() on and every row of a
    payment in invoice_to_cash_payments_touched() (its receipt's row, or its row as a payment
    not on a statement, which a receipt matched now replaces). Nothing in a full build. -#}
{% macro delete_invoice_to_cash_rows_touched() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where posted_date >= {{ infra_accounting.incremental_start_month() }}
            or payment_id in {{ infra_accounting.invoice_to_cash_payments_touched() }}
    {%- endif -%}
{%- endmacro %}
