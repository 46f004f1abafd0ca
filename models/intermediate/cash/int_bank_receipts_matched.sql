-- One row per bank statement receipt (money in) through the close period, matched to at
-- most one ERP customer payment: exact remittance reference first, then the invoice number
-- normalized out of messy remittance text, then customer + amount + a seven-day date window;
-- each payment is used once. Unmatched receipts keep a null payment_id.
-- Incremental by posting month: a run deletes the months from incremental_start_month() on
-- (and any later month an earlier close left) and matches those receipts again, against the
-- payments not already matched in the closed months; closed months' matches are kept.
-- Set-based: every rule is an equi-join (the window rule joins on account, customer and
-- amount, then checks the window), each rule only on the receipts the earlier rules left
-- without a candidate; the best candidate per receipt and per payment is an arg_min over
-- (rule, day gap, id), not a sort of all candidates.
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

bank_references as (
    select
        bank_account_id,
        transaction_id,
        posted_date,
        amount,
        counterparty,
        reference
    from bank_transactions
),

payments_named as (
    select
        payments.payment_id,
        payments.bank_account_id,
        payments.payment_date,
        payments.amount,
        payments.reference,
        customers.customer_name
    from payments
    left join customers on payments.customer_id = customers.customer_id
),

-- rule 1: exact remittance reference (and amount) on the same account
exact_candidates as (
    select
        bank_references.bank_account_id,
        bank_references.transaction_id,
        payments_named.payment_id,
        1 as match_pass,
        abs(date_diff('day', payments_named.payment_date, bank_references.posted_date)) as day_gap
    from bank_references
    inner join payments_named
        on bank_references.bank_account_id = payments_named.bank_account_id
            and bank_references.reference = payments_named.reference
            and bank_references.amount = payments_named.amount
),

-- a receipt's best candidate comes from its first rule that has one, so the later rules
-- only look at the receipts the earlier rules left (the regex runs on those alone)
after_exact as (
    select
        bank_references.*,
        {{ infra_accounting.normalized_invoice_reference('bank_references.reference') }} as normalized_reference
    from bank_references
    anti join exact_candidates
        on bank_references.bank_account_id = exact_candidates.bank_account_id
            and bank_references.transaction_id = exact_candidates.transaction_id
),

-- only payments on an account and amount some receipt left by rule 1 has (rule 2 joins on both)
payments_normalized as (
    select
        payments_named.*,
        {{ infra_accounting.normalized_invoice_reference('payments_named.reference') }} as normalized_reference
    from payments_named
    semi join after_exact
        on payments_named.bank_account_id = after_exact.bank_account_id
            and payments_named.amount = after_exact.amount
),

-- rule 2: the invoice number normalized out of messy remittance text (and amount)
normalized_candidates as (
    select
        after_exact.bank_account_id,
        after_exact.transaction_id,
        payments_normalized.payment_id,
        2 as match_pass,
        abs(date_diff('day', payments_normalized.payment_date, after_exact.posted_date)) as day_gap
    from after_exact
    inner join payments_normalized
        on after_exact.bank_account_id = payments_normalized.bank_account_id
            and after_exact.normalized_reference = payments_normalized.normalized_reference
            and after_exact.amount = payments_normalized.amount
    where after_exact.normalized_reference <> 'INV-000000'
),

after_normalized as (
    select after_exact.*
    from after_exact
    anti join normalized_candidates
        on after_exact.bank_account_id = normalized_candidates.bank_account_id
            and after_exact.transaction_id = normalized_candidates.transaction_id
),

-- rule 3: customer and amount (equi-join), then the seven-day window
window_candidates as (
    select
        after_normalized.bank_account_id,
        after_normalized.transaction_id,
        payments_named.payment_id,
        3 as match_pass,
        abs(date_diff('day', payments_named.payment_date, after_normalized.posted_date)) as day_gap
    from after_normalized
    inner join payments_named
        on after_normalized.bank_account_id = payments_named.bank_account_id
            and after_normalized.counterparty = payments_named.customer_name
            and after_normalized.amount = payments_named.amount
            and abs(date_diff('day', payments_named.payment_date, after_normalized.posted_date)) <= 7
),

candidates as (
    select * from exact_candidates
    union all
    select * from normalized_candidates
    union all
    select * from window_candidates
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
        bank_transactions.bank_account_id,
        bank_transactions.transaction_id,
        bank_accounts.subsidiary_id,
        bank_transactions.posted_date,
        bank_transactions.amount,
        bank_transactions.currency_code,
        bank_transactions.counterparty,
        bank_transactions.reference,
        matches.payment_id,
        matches.match_rule,
        matches.day_gap as match_day_gap,
        {{ infra_accounting.month_start('bank_transactions.posted_date') }} as posted_month
    from bank_transactions
    left join bank_accounts on bank_transactions.bank_account_id = bank_accounts.bank_account_id
    left join matches
        on bank_transactions.bank_account_id = matches.bank_account_id
            and bank_transactions.transaction_id = matches.transaction_id
)

select * from final
