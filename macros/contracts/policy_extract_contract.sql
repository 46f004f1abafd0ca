{#- Contract of the policy extracts (seeds/policy). See macros/contracts/extract_contract.sql for the format. -#}
{% macro policy_extract_contract() %}
{% set contract_yaml %}
asset_classes:
  description: One row per asset class - the capitalization and depreciation policy the team maintains.
  key: [asset_class_code]
  columns:
    asset_class_code: {type: text, required: true, description: Asset class code (the policy key).}
    description: {type: text, required: true, description: Name of the asset class.}
    useful_life_months: {type: integer, min: 0, description: Book useful life in months (empty for land and CIP).}
    depreciation_method:
      type: text
      required: true
      enum: [straight_line, declining_balance, sum_of_years_digits, none]
      description: Book depreciation method.
    declining_balance_rate: {type: rate, min: 0, description: "Declining-balance multiple, e.g. 2.0 for 200%, 1.5 for 150%."}
    convention:
      type: text
      required: true
      enum: [full_month, mid_month, half_year, next_month, actual_days]
      description: Averaging convention for the first and last period.
    salvage_pct: {type: rate, min: 0, description: Salvage value as a fraction of cost (0.05 = 5%).}
    capitalization_threshold: {type: money, min: 0, description: Purchases below this cost are expensed, not capitalized.}
    cost_account: {type: text, description: GL account for the asset cost.}
    accumulated_depreciation_account: {type: text, description: GL account for accumulated depreciation.}
    depreciation_expense_account: {type: text, description: GL account for depreciation expense.}
    macrs_recovery_years: {type: rate, min: 0, description: "MACRS recovery period in years (3, 5, 7, 15, 27.5, 39)."}
    macrs_method: {type: text, enum: [200DB, 150DB, SL], description: MACRS method.}
    macrs_convention: {type: text, enum: [HY, MQ, MM], description: "MACRS convention (half-year, mid-quarter, mid-month)."}
    property_tax_category: {type: text, description: Personal-property tax category of the class.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
