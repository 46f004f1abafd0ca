{#- Extracts added by the revenue area (policy seeds and extra extracts), keyed
    '<source>__<extract>' so they may belong to any source. Same format as the source
    contracts; see macros/contracts/extract_contract.sql. -#}
{% macro revenue_area_extract_contract() %}
{% set contract_yaml %}
policy__revenue_policy:
  description: One row per contract type - the revenue recognition, breakage and contract-cost policy the team maintains, with its GL accounts.
  key: [contract_type]
  columns:
    contract_type:
      type: text
      required: true
      enum: [on_demand, committed_spend, prepaid_credits, reserved_capacity]
      description: Commercial model the policy row applies to.
    usage_revenue_account: {type: text, required: true, fk: erp__accounts.account_number, description: Revenue account for usage recognized as consumed.}
    fixed_revenue_account: {type: text, fk: erp__accounts.account_number, description: "Revenue account for the fixed element (reserved fee, prepaid credit drawdown, commitment true-up)."}
    breakage_revenue_account: {type: text, fk: erp__accounts.account_number, description: Revenue account for breakage of unused prepaid credits.}
    contract_liability_account: {type: text, fk: erp__accounts.account_number, description: Contract liability (deferred revenue / customer prepaid credits) account.}
    receivable_account: {type: text, required: true, fk: erp__accounts.account_number, description: Billed accounts receivable account.}
    unbilled_receivable_account: {type: text, required: true, fk: erp__accounts.account_number, description: Unbilled receivables / contract assets account.}
    commission_expense_account: {type: text, required: true, fk: erp__accounts.account_number, description: Commission expense account (where the GL posts commissions paid).}
    commission_asset_current_account: {type: text, required: true, fk: erp__accounts.account_number, description: Deferred commissions (current) account.}
    commission_asset_noncurrent_account: {type: text, required: true, fk: erp__accounts.account_number, description: Deferred commissions (non-current) account.}
    commission_expedient_months: {type: integer, required: true, min: 0, description: "ASC 340-40-25-4 practical expedient: commissions whose amortization period is this many months or less are expensed."}
    expected_renewal_months: {type: integer, required: true, min: 0, description: Expected renewal months added to the contract term for amortizing commissions not commensurate with renewal commissions.}
    breakage_minimum_expired_cohorts: {type: integer, min: 0, description: Expired prepaid cohorts needed before breakage is estimated (below it, breakage waits until expiry - the remote method).}
    breakage_estimate_haircut_pct: {type: rate, min: 0, max: 1, description: Constraint on the breakage estimate (ASC 606-10-32-11) - fraction removed from the historical rate.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
