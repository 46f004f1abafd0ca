-- One row per bank statement receipt (money in) through the close period, matched to at
-- most one ERP customer payment: exact remittance reference first, then the invoice number
-- normalized out of messy remittance text, then customer + amount + a seven-day date window;
-- each payment is used once. Unmatched receipts keep a null payment_id.
-- Incremental by posting month: a run deletes the months from incremental_start_month() on
-- (and any later month an earlier close left) and matches those receipts again, against the
-- payments not already matched in the closed months; closed months' matches are kept.
-- Set-based: every rule is an equi-join (the window rule joins on account, customer and
-- amount, then checks the window); the best candidate per receipt and per payment is an
-- arg_min over (rule, day gap, id), not a sort of all candidates.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{% if is_incremental() %}delete from {{ this }} where posted_month >= {{ infra_accounting.incremental_start_month() }}{% endif %}",
    )
}}

with
bank_transactions as (
    select * from {{ ref('stg_bank__bank_transactions') }}
    where
        amount > 0
        and posted_date <= last_day({{ infra_accounting.close_period_month() }})
        {% if is_incremental() -%}
            and posted_date >= {{ infra_accounting.incremental_start_month() }}
        {%- endif %}
),

bank_accounts as (select * from {{ ref('stg_bank__bank_accounts') }}),

payments as (
    select * from {{ ref('stg_erp__payments') }}
    {% if is_incremental() -%}
        where payment_id not in (
                select closed_matches.payment_id from {{ this }} as closed_matches
                where closed_matches.payment_id is not null
            )
    {%- endif %}
),

customers as (select * from {{ ref('stg_erp__customers') }}),

bank_normalized as (
    select
        bank_transactions.*,
        'INV-' || lpad(regexp_extract(upper(bank_transactions.reference), 'INV[^0-9]*([0-9]+)', 1), 6, '0')
            as normalized_reference
    from bank_transactions
),

payments_normalized as (
    select
        payments.*,
        customers.customer_name,
        'INV-' || lpad(regexp_extract(upper(payments.reference), 'INV[^0-9]*([0-9]+)', 1), 6, '0')
            as normalized_reference
    from payments
    left join customers on payments.customer_id = customers.customer_id
),

candidates as (
    select
        bank_normalized.bank_account_id,
        bank_normalized.transaction_id,
        payments_normalized.payment_id,
        1 as match_pass,
        abs(date_diff('day', payments_normalized.payment_date, bank_normalized.posted_date)) as day_gap
    from bank_normalized
    inner join payments_normalized
        on bank_normalized.bank_account_id = payments_normalized.bank_account_id
            and bank_normalized.reference = payments_normalized.reference
            and bank_normalized.amount = payments_normalized.amount
    union all
    select
        bank_normalized.bank_account_id,
        bank_normalized.transaction_id,
        payments_normalized.payment_id,
        2 as match_pass,
        abs(date_diff('day', payments_normalized.payment_date, bank_normalized.posted_date)) as day_gap
    from bank_normalized
    inner join payments_normalized
        on bank_normalized.bank_account_id = payments_normalized.bank_account_id
            and bank_normalized.normalized_reference = payments_normalized.normalized_reference
            and bank_normalized.amount = payments_normalized.amount
    where bank_normalized.normalized_reference <> 'INV-000000'
    union all
    select
        bank_normalized.bank_account_id,
        bank_normalized.transaction_id,
        payments_normalized.payment_id,
        3 as match_pass,
        abs(date_diff('day', payments_normalized.payment_date, bank_normalized.posted_date)) as day_gap
    from bank_normalized
    inner join payments_normalized
        on bank_normalized.bank_account_id = payments_normalized.bank_account_id
            and bank_normalized.counterparty = payments_normalized.customer_name
            and bank_normalized.amount = payments_normalized.amount
            and abs(date_diff('day', payments_normalized.payment_date, bank_normalized.posted_date)) <= 7
),

best_for_bank_line as (
    select
        bank_account_id,
        transaction_id,
        arg_min(
            struct_pack(match_pass := match_pass, day_gap := day_gap, payment_id := payment_id),
            struct_pack(match_pass := match_pass, day_gap := day_gap, payment_id := payment_id)
        ) as best
    from candidates
    group by bank_account_id, transaction_id
),

best_for_payment as (
    select
        best_for_bank_line.best.payment_id,
        arg_min(
            struct_pack(
                bank_account_id := best_for_bank_line.bank_account_id,
                transaction_id := best_for_bank_line.transaction_id,
                match_pass := best_for_bank_line.best.match_pass,
                day_gap := best_for_bank_line.best.day_gap
            ),
            struct_pack(
                match_pass := best_for_bank_line.best.match_pass,
                day_gap := best_for_bank_line.best.day_gap,
                bank_account_id := best_for_bank_line.bank_account_id,
                transaction_id := best_for_bank_line.transaction_id
            )
        ) as chosen
    from best_for_bank_line
    group by best_for_bank_line.best.payment_id
),

matches as (
    select
        best_for_payment.chosen.bank_account_id,
        best_for_payment.chosen.transaction_id,
        best_for_payment.payment_id,
        case best_for_payment.chosen.match_pass
            when 1 then 'exact_reference'
            when 2 then 'normalized_reference'
            else 'customer_amount_date_window'
        end as match_rule,
        best_for_payment.chosen.day_gap
    from best_for_payment
),

final as (
    select
        bank_normalized.bank_account_id,
        bank_normalized.transaction_id,
        bank_accounts.subsidiary_id,
        bank_normalized.posted_date,
        bank_normalized.amount,
        bank_normalized.currency_code,
        bank_normalized.counterparty,
        bank_normalized.reference,
        matches.payment_id,
        matches.match_rule,
        matches.day_gap as match_day_gap,
        {{ infra_accounting.month_start('bank_normalized.posted_date') }} as posted_month
    from bank_normalized
    left join bank_accounts on bank_normalized.bank_account_id = bank_accounts.bank_account_id
    left join matches
        on bank_normalized.bank_account_id = matches.bank_account_id
            and bank_normalized.transaction_id = matches.transaction_id
)

select * from final
