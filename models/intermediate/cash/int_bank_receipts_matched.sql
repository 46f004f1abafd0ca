-- One row per bank statement receipt (money in) through the close period, matched to at
-- most one ERP customer payment: exact remittance reference first, then the invoice number
-- normalized out of messy remittance text, then customer + amount + a seven-day date window;
-- each payment is used once. Unmatched receipts keep a null payment_id.
with
bank_transactions as (
    select * from {{ ref('stg_bank__bank_transactions') }}
    where amount > 0 and posted_date <= last_day({{ infra_accounting.close_period_month() }})
),

bank_accounts as (select * from {{ ref('stg_bank__bank_accounts') }}),

payments as (select * from {{ ref('stg_erp__payments') }}),

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
        'exact_reference' as match_rule,
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
        'normalized_reference' as match_rule,
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
        'customer_amount_date_window' as match_rule,
        abs(date_diff('day', payments_normalized.payment_date, bank_normalized.posted_date)) as day_gap
    from bank_normalized
    inner join payments_normalized
        on bank_normalized.bank_account_id = payments_normalized.bank_account_id
            and bank_normalized.counterparty = payments_normalized.customer_name
            and bank_normalized.amount = payments_normalized.amount
            and abs(date_diff('day', payments_normalized.payment_date, bank_normalized.posted_date)) <= 7
),

best_for_bank_line as (
    select *
    from candidates
    qualify row_number() over (
            partition by bank_account_id, transaction_id order by match_pass, day_gap, payment_id
        ) = 1
),

best_for_payment as (
    select *
    from best_for_bank_line
    qualify row_number() over (
            partition by payment_id order by match_pass, day_gap, bank_account_id, transaction_id
        ) = 1
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
        best_for_payment.payment_id,
        best_for_payment.match_rule,
        best_for_payment.day_gap as match_day_gap
    from bank_normalized
    left join bank_accounts on bank_normalized.bank_account_id = bank_accounts.bank_account_id
    left join best_for_payment
        on bank_normalized.bank_account_id = best_for_payment.bank_account_id
            and bank_normalized.transaction_id = best_for_payment.transaction_id
)

select * from final
