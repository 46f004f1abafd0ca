{#- Extracts added by the leases area (policy seeds and extra extracts), keyed
    '<source>__<extract>' so they may belong to any source. Same format as the source
    contracts; see macros/contracts/extract_contract.sql. -#}
{% macro leases_area_extract_contract() %}
{% set contract_yaml %}
policy__lease_policy:
  description: One row per lease accounting policy set (the subledger uses policy_id 'default') - classification thresholds and embedded-lease defaults.
  key: [policy_id]
  columns:
    policy_id: {type: text, required: true, description: Policy set identifier ('default').}
    major_part_economic_life_pct: {type: rate, required: true, min: 0, max: 1, description: "ASC 842-10-55-2(a) threshold for 'major part' of the remaining economic life (0.75)."}
    substantially_all_fair_value_pct: {type: rate, required: true, min: 0, max: 1, description: "ASC 842-10-55-2(c) threshold for 'substantially all' of the fair value (0.90)."}
    end_of_economic_life_pct: {type: rate, required: true, min: 0, max: 1, description: "ASC 842-10-55-2(b): commencement at or after this share of the economic life switches the economic-life test off (0.75)."}
    short_term_max_months: {type: integer, required: true, min: 0, description: Longest lease term (months) eligible for the short-term election (12).}
    embedded_lease_discount_rate: {type: rate, required: true, min: 0, description: Annual incremental borrowing rate applied to embedded leases found in service contracts (no rate in the service contract extract).}
    embedded_lease_asset_type: {type: text, required: true, enum: [data_center, gpu_hardware, network, real_estate], description: Asset type (component policy) given to embedded leases.}
    embedded_lease_short_term_election: {type: boolean, required: true, description: Short-term election applied to embedded leases of 12 months or less.}
policy__lease_component_policy:
  description: One row per class of underlying asset - the ASC 842-10-15-37 practical expedient election (combine lease and non-lease components) and the cost accounts.
  key: [asset_type]
  columns:
    asset_type: {type: text, required: true, enum: [data_center, gpu_hardware, network, real_estate], description: Class of underlying asset.}
    combine_non_lease_components: {type: boolean, required: true, description: "True: the practical expedient is elected for the class - non-lease components are lease payments. False: they are separated and expensed as incurred."}
    non_lease_cost_account: {type: text, required: true, fk: erp__accounts.account_number, description: Expense account for separated non-lease components.}
policy__lease_account_map:
  description: One row per lease accounting role and classification - the GL account the subledger posts to.
  key: [account_role, classification]
  columns:
    account_role: {type: text, required: true, description: "Role of the account (rou_asset, rou_accumulated_amortization, liability_current, liability_noncurrent, lease_cost, rou_amortization_expense, interest_expense, variable_cost, gain_loss, impairment_loss, accounts_payable, prepaid_rent, accrued_rent)."}
    classification: {type: text, required: true, enum: [operating, finance, short_term, any], description: Lease classification the row applies to ('any' = all).}
    account_number: {type: text, required: true, fk: erp__accounts.account_number, description: GL account.}
leases__rou_impairments:
  description: One row per impairment of a lease right-of-use asset (ASC 842-20-35-9, ASC 360-10-35) - the loss measured by the asset-group impairment test, maintained by hand by the lease accountant (the demo generator does not produce it).
  key: [impairment_id]
  columns:
    impairment_id: {type: text, required: true, description: Impairment identifier.}
    lease_id: {type: text, required: true, description: "Lease whose ROU asset is impaired (an abstract or an embedded lease; checked in int_lease_impairments_validated)."}
    impairment_date: {type: date, required: true, description: Date the impairment is recognized; the loss is booked in that month.}
    impairment_amount: {type: money, required: true, min_exclusive: 0, description: "Impairment loss on the ROU asset (carrying amount less fair value of the asset group allocated to the ROU), in the lease currency."}
    reason: {type: text, description: Triggering event and measurement basis (ASC 360-10-35-21).}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
