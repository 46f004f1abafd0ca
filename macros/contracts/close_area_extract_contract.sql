{#- Extracts added by the close area (policy seeds and extra extracts), keyed
    '<source>__<extract>' so they may belong to any source. Same format as the source
    contracts; see macros/contracts/extract_contract.sql. -#}
{% macro close_area_extract_contract() %}
{% set contract_yaml %}
policy__reconciliation_tolerances:
  description: One row per subledger-to-GL reconciliation - the difference tolerated before the line needs explaining.
  key: [reconciliation_name]
  columns:
    reconciliation_name: {type: text, required: true, description: "Reconciliation (ar, cash, cip, fa_cost, accumulated_depreciation, rou_assets, lease_liabilities, deferred_revenue, unbilled)."}
    tolerance_amount: {type: money, required: true, min: 0, description: Absolute difference in the functional currency accepted as reconciled.}
    description: {type: text, description: What the reconciliation compares.}
policy__flux_thresholds:
  description: "One row per flux threshold: the default (account_number empty) and per-account overrides, per comparison."
  key: [threshold_id]
  columns:
    threshold_id: {type: text, required: true, description: Threshold identifier.}
    account_number: {type: text, fk: erp__accounts.account_number, description: Account the override applies to (empty = default for every account).}
    comparison: {type: text, required: true, enum: [mom, qoq, yoy], description: Comparison the threshold applies to.}
    threshold_mode: {type: text, required: true, enum: [amount_and_pct, amount_or_pct, amount_only, pct_only], description: How amount and percentage combine into a breach.}
    threshold_amount: {type: money, min: 0, description: Absolute variance (functional or USD for consolidated) above which the amount test is met.}
    threshold_pct: {type: rate, min: 0, description: Absolute variance as a fraction of the prior balance above which the percentage test is met.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
