{#- Contract of the ERP (NetSuite) extracts (seeds/erp). See macros/contracts/extract_contract.sql. -#}
{% macro erp_extract_contract() %}
{% set contract_yaml %}
fx_rates:
  description: One row per month-end rate date, currency pair and rate type.
  key: [rate_date, from_currency, to_currency, rate_type]
  columns:
    rate_date: {type: date, required: true, description: Last day of the month the rate applies to.}
    from_currency: {type: currency_format, required: true, description: Currency converted from (ISO 4217).}
    to_currency: {type: currency_format, required: true, description: Currency converted to (ISO 4217).}
    rate_type: {type: text, required: true, enum: [average, period_end], description: Monthly average or month-end spot rate.}
    rate: {type: rate, required: true, min_exclusive: 0, description: Units of to_currency for one unit of from_currency.}
subsidiaries:
  description: One row per legal entity (NetSuite subsidiary).
  key: [subsidiary_id]
  columns:
    subsidiary_id: {type: text, required: true, description: Legal entity identifier.}
    subsidiary_name: {type: text, required: true, description: Legal name.}
    country_code: {type: text, required: true, description: Country of incorporation (ISO 3166 alpha-2).}
    functional_currency_code: {type: currency, required: true, description: Functional currency of the entity.}
    parent_subsidiary_id: {type: text, description: Parent entity (empty for the top parent).}
accounts:
  description: One row per GL account of the chart of accounts.
  key: [account_number]
  columns:
    account_number: {type: text, required: true, description: GL account number.}
    account_name: {type: text, required: true, description: Account name.}
    account_type:
      type: text
      required: true
      enum: [bank, accounts_receivable, other_current_asset, fixed_asset, other_asset, accounts_payable, other_current_liability, long_term_liability, equity, income, cost_of_goods_sold, expense, other_income, other_expense]
      description: NetSuite account type.
    normal_balance: {type: text, required: true, enum: [debit, credit], description: Side the account normally carries its balance on.}
    fx_rate_type: {type: text, required: true, enum: [period_end, average, historical], description: Rate the account is translated at in consolidation.}
accounting_periods:
  description: One row per ERP accounting period (month) with its close status.
  key: [period_id]
  date_order: [[period_start_date, period_end_date]]
  columns:
    period_id: {type: text, required: true, description: "Period identifier, 'YYYY-MM'."}
    period_start_date: {type: date, required: true, description: First day of the period.}
    period_end_date: {type: date, required: true, description: Last day of the period.}
    is_closed: {type: boolean, required: true, description: True when the period is closed in the ERP (posted history is final).}
    closed_date: {type: date, description: Date the period was closed.}
gl_entries:
  description: One row per posted GL journal line.
  key: [journal_id, line_number]
  incremental_month_column: posting_date
  columns:
    journal_id: {type: text, required: true, description: Journal (transaction) identifier.}
    line_number: {type: integer, required: true, min: 0, description: Line number within the journal.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Legal entity the line is booked in.}
    posting_date: {type: date, required: true, description: Posting date.}
    account_number: {type: text, required: true, fk: erp__accounts.account_number, description: GL account.}
    debit: {type: money, min: 0, description: Debit amount in the line currency.}
    credit: {type: money, min: 0, description: Credit amount in the line currency.}
    currency_code: {type: currency, required: true, description: Currency of the amounts (the entity's functional currency).}
    memo: {type: text, description: Line memo.}
    source: {type: text, description: Origin of the journal (ap, ar, cash, payroll, manual, close, ...).}
fixed_assets:
  description: One row per asset in the fixed-asset register.
  key: [asset_id]
  date_order: [[acquisition_date, in_service_date]]
  columns:
    asset_id: {type: text, required: true, description: Asset identifier.}
    asset_class_code: {type: text, required: true, fk: policy__asset_classes.asset_class_code, description: Asset class (policy).}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Owning legal entity.}
    location_id: {type: text, fk: infra__locations.location_id, description: Where the asset sits.}
    description: {type: text, description: Asset description.}
    serial_number: {type: text, description: Manufacturer serial number.}
    acquisition_date: {type: date, required: true, description: Date acquired.}
    in_service_date: {type: date, description: Date placed in service (empty while in CIP).}
    cost: {type: money, required: true, min: 0, description: Original cost in the entity's functional currency.}
    currency_code: {type: currency, required: true, description: Currency of the cost.}
    salvage_value: {type: money, min: 0, description: Salvage value; overrides the class salvage percentage.}
    useful_life_months: {type: integer, min: 0, description: Useful life override in months.}
    depreciation_method: {type: text, enum: [straight_line, declining_balance, sum_of_years_digits, none], description: Method override.}
    project_id: {type: text, fk: infra__capital_projects.project_id, description: Capital project the asset came from.}
    parent_asset_id: {type: text, fk: erp__fixed_assets.asset_id, description: Parent asset for a component.}
asset_events:
  description: One row per fixed-asset event (disposal, transfer, impairment, adjustment, life change).
  key: [event_id]
  columns:
    event_id: {type: text, required: true, description: Event identifier.}
    asset_id: {type: text, required: true, fk: erp__fixed_assets.asset_id, description: Asset the event applies to.}
    event_type:
      type: text
      required: true
      enum: [disposal, partial_disposal, transfer, impairment, cost_adjustment, useful_life_change]
      description: Kind of event.
    event_date: {type: date, required: true, description: Effective date.}
    amount: {type: money, description: Cost disposed, impairment loss or cost change.}
    proceeds: {type: money, min: 0, description: Disposal proceeds.}
    to_subsidiary_id: {type: text, fk: erp__subsidiaries.subsidiary_id, description: Receiving legal entity of a transfer.}
    to_location_id: {type: text, fk: infra__locations.location_id, description: Receiving location of a transfer.}
    new_useful_life_months: {type: integer, min: 0, description: New total useful life for a useful-life change.}
    disposal_pct: {type: rate, min: 0, max: 1, description: 'Optional: share of the carried cost retired by a partial_disposal given as a percentage (0.25 = 25 %) instead of an amount.'}
capex_lines:
  description: One row per AP bill or accrual line coded to a capital project.
  key: [line_id]
  columns:
    line_id: {type: text, required: true, description: Bill line identifier.}
    bill_id: {type: text, required: true, description: AP bill identifier.}
    vendor_name: {type: text, description: Vendor.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Legal entity billed.}
    project_id: {type: text, required: true, fk: infra__capital_projects.project_id, description: Capital project charged.}
    bill_date: {type: date, required: true, description: Bill date.}
    amount: {type: money, required: true, description: Line amount (credits negative).}
    currency_code: {type: currency, required: true, description: Currency of the amount.}
    description: {type: text, description: Line description.}
customers:
  description: One row per customer.
  key: [customer_id]
  columns:
    customer_id: {type: text, required: true, description: Customer identifier.}
    customer_name: {type: text, required: true, description: Customer (company) name.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Contracting legal entity.}
    currency_code: {type: currency, required: true, description: Billing currency.}
    country_code: {type: text, description: Customer country.}
    payment_terms_days: {type: integer, min: 0, description: Payment terms in days.}
    segment: {type: text, enum: [enterprise, startup, research], description: Customer segment.}
invoices:
  description: One row per customer invoice.
  key: [invoice_id]
  date_order: [[invoice_date, due_date], [service_period_start_date, service_period_end_date]]
  columns:
    invoice_id: {type: text, required: true, description: Invoice identifier.}
    customer_id: {type: text, required: true, fk: erp__customers.customer_id, description: Customer billed.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Billing legal entity.}
    contract_id: {type: text, description: CRM contract billed (checked against CRM in the revenue reconciliation).}
    invoice_date: {type: date, required: true, description: Invoice date.}
    due_date: {type: date, description: Due date.}
    service_period_start_date: {type: date, description: First day of the service period billed.}
    service_period_end_date: {type: date, description: Last day of the service period billed.}
    currency_code: {type: currency, required: true, description: Invoice currency.}
    total_amount: {type: money, required: true, description: Invoice total.}
invoice_lines:
  description: One row per invoice line.
  key: [invoice_line_id]
  columns:
    invoice_line_id: {type: text, required: true, description: Invoice line identifier.}
    invoice_id: {type: text, required: true, fk: erp__invoices.invoice_id, description: Invoice.}
    line_number: {type: integer, min: 0, description: Line number on the invoice.}
    line_type:
      type: text
      required: true
      enum: [usage, commitment_true_up, reserved_fee, prepaid_credits]
      description: What the line bills.
    sku: {type: text, description: SKU billed (usage lines).}
    quantity: {type: quantity, description: Quantity billed.}
    unit_price: {type: rate, description: Unit price billed.}
    amount: {type: money, required: true, description: Line amount.}
    service_period_start_date: {type: date, description: First day of the service period of the line.}
    service_period_end_date: {type: date, description: Last day of the service period of the line.}
payments:
  description: One row per customer payment received in the ERP.
  key: [payment_id]
  incremental_month_column: payment_date
  columns:
    payment_id: {type: text, required: true, description: Payment identifier.}
    customer_id: {type: text, required: true, fk: erp__customers.customer_id, description: Paying customer.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Receiving legal entity.}
    payment_date: {type: date, required: true, description: Date received.}
    amount: {type: money, required: true, min: 0, description: Amount received.}
    currency_code: {type: currency, required: true, description: Currency received.}
    bank_account_id: {type: text, description: Bank account deposited to.}
    reference: {type: text, description: Remittance reference.}
payment_applications:
  description: One row per application of a payment to an invoice.
  key: [application_id]
  incremental_month_column: application_date
  columns:
    application_id: {type: text, required: true, description: Application identifier.}
    payment_id: {type: text, required: true, fk: erp__payments.payment_id, description: Payment applied.}
    invoice_id: {type: text, required: true, fk: erp__invoices.invoice_id, description: Invoice paid.}
    applied_amount: {type: money, required: true, min: 0, description: Amount applied.}
    application_date: {type: date, description: Date applied.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
