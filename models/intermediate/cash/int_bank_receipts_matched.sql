-- One row per bank statement receipt (money in) through the close period, matched to at
-- most one ERP customer payment: exact remittance reference first, then the invoice number
-- normalized out of messy remittance text, then customer + amount + a seven-day date window;
-- each payment is used once. Unmatched receipts keep a null payment_id.
-- Incremental by posting month: a run deletes the months from incremental_start_month() on
-- (and any later month an earlier close left) and matches those receipts again, against the
-- payments not already matched in the closed months; closed months' matches are kept.
-- Set-based: every rule is an equi-join (the window rule joins on account, customer and
-- amount, then checks the window), each rule only on the receipts the earlier rules left
-- without a candidate (rule 1 is a left join, so the receipts it leaves are its null rows).
-- Each receipt takes its best candidate by (rule, day gap, payment_id), then each payment its
-- best receipt by (rule, day gap, bank_account_id, transaction_id); a payment's other
-- claimants stay unmatched. Receipts carry an integer key (row_number over the materialized
-- CTE, evaluated once), so the choices group on it, not on two strings, and the final join
-- is on it. A receipt with one candidate, or a payment claimed by one receipt, has nothing to
-- choose (min() of one row); only the few with several compare the full order, as an
-- arg_min of a struct.
{{
    infra_accounting.incremental_appended_after_delete(
        "{% if is_incremental() %}delete from {{ this }} where posted_month >= {{ infra_accounting.incremental_start_month() }}{% endif %}",
        "{{ infra_accounting.record_first_month_written(infra_accounting.incremental_start_month()) }}"
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

-- the receipt key identifies a receipt inside this query only; materialized, so every
-- step below reads the same numbering
receipts as materialized (
    select
        bank_account_id,
        transaction_id,
        posted_date,
        amount,
        currency_code,
        counterparty,
        reference,
        row_number() over () as receipt_key
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

-- rule 1: exact remittance reference (and amount) on the same account; a left join, so a
-- receipt without an exact candidate is one row with a null payment_id (required by the
-- payments contract, so null only there)
exact_joined as (
    select
        receipts.receipt_key,
        receipts.bank_account_id,
        receipts.posted_date,
        receipts.amount,
        receipts.counterparty,
        receipts.reference,
        payments_named.payment_id,
        abs(date_diff('day', payments_named.payment_date, receipts.posted_date)) as day_gap
    from receipts
    left join payments_named
        on receipts.bank_account_id = payments_named.bank_account_id
            and receipts.reference = payments_named.reference
            and receipts.amount = payments_named.amount
),

exact_candidates as (
    select
        receipt_key,
        payment_id,
        1 as match_pass,
        day_gap
    from exact_joined
    where payment_id is not null
),

-- a receipt's best candidate comes from its first rule that has one, so the later rules
-- only look at the receipts the earlier rules left (the regex runs on those alone)
after_exact as (
    select
        receipt_key,
        bank_account_id,
        posted_date,
        amount,
        counterparty,
        {{ infra_accounting.normalized_invoice_reference('reference') }} as normalized_reference
    from exact_joined
    where payment_id is null
),

-- only payments on an account and amount some receipt left by rule 1 has (rule 2 joins on both)
payments_normalized as (
    select
        payments_named.payment_id,
        payments_named.bank_account_id,
        payments_named.payment_date,
        payments_named.amount,
        {{ infra_accounting.normalized_invoice_reference('payments_named.reference') }} as normalized_reference
    from payments_named
    semi join after_exact
        on payments_named.bank_account_id = after_exact.bank_account_id
            and payments_named.amount = after_exact.amount
),

-- rule 2: the invoice number normalized out of messy remittance text (and amount). A text
-- that names no invoice ('INV-000000') is nulled on the receipt side so it joins nothing;
-- nulled in the join rather than filtered, so the filter is not pushed to every payment
-- (which would run the regex on all of them before the semi join)
normalized_candidates as (
    select
        after_exact.receipt_key,
        payments_normalized.payment_id,
        2 as match_pass,
        abs(date_diff('day', payments_normalized.payment_date, after_exact.posted_date)) as day_gap
    from after_exact
    inner join payments_normalized
        on after_exact.bank_account_id = payments_normalized.bank_account_id
            and nullif(after_exact.normalized_reference, 'INV-000000') = payments_normalized.normalized_reference
            and after_exact.amount = payments_normalized.amount
),

after_normalized as (
    select after_exact.*
    from after_exact
    anti join normalized_candidates on after_exact.receipt_key = normalized_candidates.receipt_key
),

-- rule 3: customer and amount (equi-join), then the seven-day window
window_candidates as (
    select
        after_normalized.receipt_key,
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

-- per receipt: with one candidate, min() is that candidate
candidates_per_receipt as (
    select
        receipt_key,
        count(*) as candidate_count,
        min(match_pass) as match_pass,
        min(day_gap) as day_gap,
        min(payment_id) as payment_id
    from candidates
    group by receipt_key
),

-- a receipt with several candidates takes the first by (rule, day gap, payment_id)
best_of_several_for_receipt as (
    select
        candidates.receipt_key,
        arg_min(
            struct_pack(
                match_pass := candidates.match_pass,
                day_gap := candidates.day_gap,
                payment_id := candidates.payment_id
            ),
            struct_pack(
                match_pass := candidates.match_pass,
                day_gap := candidates.day_gap,
                payment_id := candidates.payment_id
            )
        ) as best
    from candidates
    semi join candidates_per_receipt
        on candidates.receipt_key = candidates_per_receipt.receipt_key
            and candidates_per_receipt.candidate_count > 1
    group by candidates.receipt_key
),

best_for_receipt as (
    select
        receipt_key,
        match_pass,
        day_gap,
        payment_id
    from candidates_per_receipt
    where candidate_count = 1
    union all
    select
        receipt_key,
        best.match_pass,
        best.day_gap,
        best.payment_id
    from best_of_several_for_receipt
),

-- per payment: claimed by one receipt, min() is that receipt
claims_per_payment as (
    select
        payment_id,
        count(*) as claim_count,
        min(receipt_key) as receipt_key,
        min(match_pass) as match_pass,
        min(day_gap) as day_gap
    from best_for_receipt
    group by payment_id
),

-- a payment claimed by several receipts takes the first by (rule, day gap, bank account,
-- transaction); the others stay unmatched
best_of_several_for_payment as (
    select
        best_for_receipt.payment_id,
        arg_min(
            struct_pack(
                receipt_key := best_for_receipt.receipt_key,
                match_pass := best_for_receipt.match_pass,
                day_gap := best_for_receipt.day_gap
            ),
            struct_pack(
                match_pass := best_for_receipt.match_pass,
                day_gap := best_for_receipt.day_gap,
                bank_account_id := receipts.bank_account_id,
                transaction_id := receipts.transaction_id
            )
        ) as chosen
    from best_for_receipt
    semi join claims_per_payment
        on best_for_receipt.payment_id = claims_per_payment.payment_id
            and claims_per_payment.claim_count > 1
    inner join receipts on best_for_receipt.receipt_key = receipts.receipt_key
    group by best_for_receipt.payment_id
),

matches as (
    select
        receipt_key,
        payment_id,
        match_pass,
        day_gap
    from claims_per_payment
    where claim_count = 1
    union all
    select
        chosen.receipt_key,
        payment_id,
        chosen.match_pass,
        chosen.day_gap
    from best_of_several_for_payment
),

final as (
    select
        receipts.bank_account_id,
        receipts.transaction_id,
        bank_accounts.subsidiary_id,
        receipts.posted_date,
        receipts.amount,
        receipts.currency_code,
        receipts.counterparty,
        receipts.reference,
        matches.payment_id,
        case matches.match_pass
            when 1 then 'exact_reference'
            when 2 then 'normalized_reference'
            when 3 then 'customer_amount_date_window'
        end as match_rule,
        matches.day_gap as match_day_gap,
        {{ infra_accounting.month_start('receipts.posted_date') }} as posted_month
    from receipts
    left join bank_accounts on receipts.bank_account_id = bank_accounts.bank_account_id
    left join matches on receipts.receipt_key = matches.receipt_key
)

select * from final
