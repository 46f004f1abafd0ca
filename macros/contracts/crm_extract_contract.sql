{#- Contract of the CRM extracts (seeds/crm). See macros/contracts/extract_contract.sql. -#}
{% macro crm_extract_contract() %}
{% set contract_yaml %}
contracts:
  description: One row per customer contract.
  key: [contract_id]
  date_order: [[start_date, end_date]]
  columns:
    contract_id: {type: text, required: true, description: Contract identifier.}
    customer_id: {type: text, required: true, fk: erp__customers.customer_id, description: Customer.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Contracting legal entity.}
    contract_type:
      type: text
      required: true
      enum: [on_demand, committed_spend, prepaid_credits, reserved_capacity]
      description: Commercial model.
    start_date: {type: date, required: true, description: Contract start date.}
    end_date: {type: date, description: Contract end date (empty for open-ended on-demand).}
    currency_code: {type: currency, required: true, description: Contract currency.}
    committed_amount: {type: money, min: 0, description: Minimum spend per commit period.}
    commit_period: {type: text, enum: [monthly, annual, term], description: Period over which the commitment is measured.}
    prepaid_credit_amount: {type: money, min: 0, description: Credits purchased.}
    credit_expiry_date: {type: date, description: Date unused credits expire.}
    discount_pct: {type: rate, min: 0, max: 1, description: Discount off list price where no negotiated rate exists.}
    reserved_fee: {type: money, min: 0, description: Fixed monthly fee for reserved capacity.}
    signed_date: {type: date, description: Date the contract was signed.}
    sales_rep: {type: text, description: Sales representative.}
    commission_amount: {type: money, min: 0, description: Incremental commission paid for obtaining the contract.}
    promotional_credit_amount: {type: money, min: 0, description: Free credits granted (reduce the transaction price).}
    has_dedicated_hardware: {type: boolean, description: Reserved capacity runs on hardware set aside for the customer (lease review).}
contract_rates:
  description: One row per contract per SKU with a negotiated rate.
  key: [contract_id, sku]
  columns:
    contract_id: {type: text, required: true, fk: crm__contracts.contract_id, description: Contract.}
    sku: {type: text, required: true, fk: metering__skus.sku, description: SKU.}
    unit_price: {type: rate, required: true, min: 0, description: Negotiated price per unit.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
