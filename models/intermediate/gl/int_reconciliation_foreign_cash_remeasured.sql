-- One row per bank account held in a currency other than its entity's functional currency:
-- the cash reconciliation's subledger side, the account's balance at the close month's
-- period-end rate (ASC 830-20-35-1), each bank line converted and rounded once. It depends
-- on the close month as a whole, so it is not a monthly movement; the GL side is in
-- int_reconciliation_items_monthly (document FX-REMEASUREMENT-<bank account>).
-- A view: a few lines at any scale, read by the document comparison and the report.
{{ config(materialized='view') }}

with
bank_transactions as (select * from {{ ref('stg_bank__bank_transactions') }}),

bank_accounts as (select * from {{ ref('stg_bank__bank_accounts') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

final as (
    select
        'cash' as reconciliation_name,
        bank_accounts.subsidiary_id,
        bank_accounts.gl_account_number as account_number,
        'FX-REMEASUREMENT-' || bank_accounts.bank_account_id as document_id,
        sum({{ infra_accounting.money('cast(bank_transactions.amount as decimal(38, 2)) * fx_rates.period_end_rate') }})
            as subledger_amount,
        0 as gl_amount
    from bank_transactions
    inner join bank_accounts
        on bank_transactions.bank_account_id = bank_accounts.bank_account_id
    inner join subsidiaries
        on bank_accounts.subsidiary_id = subsidiaries.subsidiary_id
    inner join fx_rates
        on
            fx_rates.period_month = {{ infra_accounting.close_period_month() }}
            and bank_accounts.currency_code = fx_rates.from_currency
            and subsidiaries.functional_currency_code = fx_rates.to_currency
    where
        bank_transactions.posted_date <= last_day({{ infra_accounting.close_period_month() }})
        and bank_transactions.currency_code <> subsidiaries.functional_currency_code
    group by all
)

select * from final
