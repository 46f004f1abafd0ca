{#- Contract of the bank extracts (seeds/bank). See macros/contracts/extract_contract.sql. -#}
{% macro bank_extract_contract() %}
{% set contract_yaml %}
bank_accounts:
  description: One row per bank account.
  key: [bank_account_id]
  columns:
    bank_account_id: {type: text, required: true, description: Bank account identifier.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Owning legal entity.}
    bank_name: {type: text, description: Bank.}
    account_number: {type: text, mask: last_four, description: Bank account number (masked to the last four digits in staging).}
    currency_code: {type: currency, required: true, description: Account currency.}
    gl_account_number: {type: text, fk: erp__accounts.account_number, description: GL cash account the bank account maps to.}
bank_transactions:
  description: One row per bank statement line.
  key: [bank_account_id, transaction_id]
  incremental_month_column: posted_date
  columns:
    bank_account_id: {type: text, required: true, fk: bank__bank_accounts.bank_account_id, description: Bank account.}
    transaction_id: {type: text, required: true, description: Bank transaction identifier.}
    posted_date: {type: date, required: true, description: Date posted by the bank.}
    amount: {type: money, required: true, description: Amount (positive = money in, negative = money out).}
    currency_code: {type: currency, required: true, description: Currency.}
    counterparty: {type: text, mask: long_digit_runs, description: Counterparty name.}
    reference: {type: text, mask: long_digit_runs, description: Remittance text.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
