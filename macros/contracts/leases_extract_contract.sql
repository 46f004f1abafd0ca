{#- Contract of the lease extracts (seeds/leases). See macros/contracts/extract_contract.sql. -#}
{% macro leases_extract_contract() %}
{% set contract_yaml %}
lease_contracts:
  description: One row per lease abstract.
  key: [lease_id]
  date_order: [[commencement_date, end_date]]
  columns:
    lease_id: {type: text, required: true, description: Lease identifier.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Lessee legal entity.}
    lessor_name: {type: text, description: Lessor.}
    asset_type: {type: text, required: true, enum: [data_center, gpu_hardware, network, real_estate], description: Class of underlying asset.}
    description: {type: text, description: Lease description.}
    commencement_date: {type: date, required: true, description: Commencement date (the asset is made available).}
    end_date: {type: date, required: true, description: Non-cancellable term end date.}
    payment_frequency: {type: text, required: true, enum: [monthly, quarterly, annual], description: Payment frequency.}
    payment_timing: {type: text, required: true, enum: [advance, arrears], description: Payments at the start or end of each payment period.}
    base_payment: {type: money, min: 0, description: Fixed payment per payment period in the first year.}
    currency_code: {type: currency, required: true, description: Lease currency.}
    annual_escalation_pct: {type: rate, min: 0, description: Annual escalation of the fixed payment (0.03 = 3%).}
    discount_rate: {type: rate, required: true, min: 0, description: Annual discount rate (the IBR unless the rate implicit in the lease is known).}
    fair_value: {type: money, min: 0, description: Fair value of the underlying asset at commencement.}
    economic_life_months: {type: integer, min: 0, description: Remaining economic life of the underlying asset.}
    transfers_ownership: {type: boolean, description: Ownership transfers to the lessee by the end of the term.}
    purchase_option_price: {type: money, min: 0, description: Exercise price of a purchase option.}
    purchase_option_reasonably_certain: {type: boolean, description: The lessee is reasonably certain to exercise the purchase option.}
    renewal_option_months: {type: integer, min: 0, description: Months of renewal option.}
    renewal_reasonably_certain: {type: boolean, description: The renewal is reasonably certain to be exercised.}
    residual_value_guarantee_amount: {type: money, min: 0, description: Amount probable of being owed under a residual value guarantee.}
    is_specialized_asset: {type: boolean, description: The asset has no alternative use to the lessor.}
    initial_direct_costs: {type: money, min: 0, description: Initial direct costs (added to the ROU asset).}
    lease_incentives: {type: money, min: 0, description: Lease incentives received (deducted from the ROU asset).}
    prepaid_rent: {type: money, min: 0, description: Rent paid before commencement (added to the ROU asset).}
    is_short_term_election: {type: boolean, description: Short-term lease election applied (term of 12 months or less).}
    non_lease_component_amount: {type: money, min: 0, description: Non-lease component per payment period (services, power).}
lease_payments:
  description: One row per explicit lease payment (optional; wins over base payment and escalation).
  key: [lease_id, payment_date, payment_type]
  columns:
    lease_id: {type: text, required: true, fk: leases__lease_contracts.lease_id, description: Lease.}
    payment_date: {type: date, required: true, description: Payment due date.}
    amount: {type: money, required: true, min: 0, description: Payment amount.}
    payment_type: {type: text, required: true, enum: [fixed, variable, non_lease_component], description: Fixed lease payment, variable payment or non-lease component.}
lease_modifications:
  description: One row per lease modification or remeasurement event.
  key: [modification_id]
  columns:
    modification_id: {type: text, required: true, description: Modification identifier.}
    lease_id: {type: text, required: true, fk: leases__lease_contracts.lease_id, description: Lease modified.}
    effective_date: {type: date, required: true, description: Effective date of the modification.}
    modification_type:
      type: text
      required: true
      enum: [extension, term_reduction, payment_change, scope_decrease, termination, purchase_option_change, residual_value_guarantee_change]
      description: Kind of modification.
    new_end_date: {type: date, description: New lease end date.}
    new_base_payment: {type: money, min: 0, description: New fixed payment per payment period.}
    new_discount_rate: {type: rate, min: 0, description: Revised discount rate (empty where ASC 842 keeps the original).}
    scope_decrease_pct: {type: rate, min: 0, max: 1, description: Fraction of the right of use given up.}
    termination_payment: {type: money, min: 0, description: Payment to terminate.}
    purchase_option_price: {type: money, min: 0, description: New purchase option price.}
    purchase_option_reasonably_certain: {type: boolean, description: Revised assessment of the purchase option.}
    residual_value_guarantee_amount: {type: money, min: 0, description: Revised amount probable of being owed under the RVG.}
service_contracts:
  description: One row per service or supply contract assessed for an embedded lease.
  key: [contract_id]
  date_order: [[start_date, end_date]]
  columns:
    contract_id: {type: text, required: true, description: Service contract identifier.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Contracting legal entity.}
    vendor_name: {type: text, description: Supplier.}
    description: {type: text, description: What is supplied.}
    start_date: {type: date, required: true, description: Start date.}
    end_date: {type: date, required: true, description: End date.}
    monthly_fee: {type: money, required: true, min: 0, description: Monthly fee.}
    currency_code: {type: currency, required: true, description: Currency of the fee.}
    has_identified_asset: {type: boolean, required: true, description: ASC 842-10-15-9 - an asset is explicitly or implicitly specified.}
    supplier_has_substantive_substitution_right: {type: boolean, required: true, description: ASC 842-10-15-10 - the supplier can and would benefit from substituting the asset.}
    customer_obtains_substantially_all_benefits: {type: boolean, required: true, description: ASC 842-10-15-17 - the customer obtains substantially all economic benefits from use.}
    customer_directs_use: {type: boolean, required: true, description: ASC 842-10-15-20 - the customer directs how and for what purpose the asset is used.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
