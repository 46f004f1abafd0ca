{#- Extracts added by the fixed_assets area (policy seeds and extra extracts), keyed
    '<source>__<extract>' so they may belong to any source. Same format as the source
    contracts; see macros/contracts/extract_contract.sql. -#}
{% macro fixed_assets_area_extract_contract() %}
{% set contract_yaml %}
policy__fixed_asset_policy:
  description: One row - the fixed-asset and CIP policy parameters the team maintains (CIP aging thresholds, GL accounts of events, tax rate).
  key: [policy_id]
  columns:
    policy_id: {type: text, required: true, description: Policy row identifier (one row).}
    cip_stale_days: {type: integer, required: true, min: 0, description: A CIP project more than this many days past its expected in-service date without acceptance is stale.}
    cip_capitalization_grace_days: {type: integer, required: true, min: 0, description: Days after the acceptance month end within which an accepted project must be capitalized.}
    cip_account: {type: text, required: true, fk: erp__accounts.account_number, description: GL account of construction in progress.}
    below_threshold_expense_account: {type: text, required: true, fk: erp__accounts.account_number, description: Expense account of purchases below the capitalization threshold.}
    gain_loss_account: {type: text, required: true, fk: erp__accounts.account_number, description: Gain or loss on disposal of assets.}
    impairment_loss_account: {type: text, required: true, fk: erp__accounts.account_number, description: Impairment loss.}
    disposal_proceeds_account: {type: text, required: true, fk: erp__accounts.account_number, description: Account debited with disposal proceeds (receivable from the buyer).}
    cost_adjustment_offset_account: {type: text, required: true, fk: erp__accounts.account_number, description: Offset of a cost adjustment (vendor credit against accounts payable).}
    intercompany_receivable_account: {type: text, required: true, fk: erp__accounts.account_number, description: Intercompany receivable of the sending entity in an asset transfer.}
    intercompany_payable_account: {type: text, required: true, fk: erp__accounts.account_number, description: Intercompany payable of the receiving entity in an asset transfer.}
    income_tax_rate: {type: rate, required: true, min: 0, max: 1, description: Income tax rate applied to book-tax temporary differences (deferred tax).}
policy__bonus_depreciation_rates:
  description: One row per tax year - the statutory bonus depreciation percentage (IRC 168(k)) and whether the company elects out.
  key: [tax_year]
  columns:
    tax_year: {type: integer, required: true, description: Tax year the property is placed in service.}
    bonus_pct: {type: rate, required: true, min: 0, max: 1, description: Statutory bonus (special depreciation allowance) percentage.}
    is_elected_out: {type: boolean, required: true, description: The company elects out of bonus depreciation for the year (IRC 168(k)(7)).}
    authority: {type: text, description: Statute or guidance of the percentage and the election.}
policy__macrs_percentages:
  description: One row per MACRS table, recovery period, period placed in service and recovery year - the IRS Publication 946 Appendix A percentages.
  key: [table_id, recovery_years, placed_in_service_period, recovery_year]
  columns:
    table_id: {type: text, required: true, description: "Publication 946 table (A-1 half-year, A-2..A-5 mid-quarter Q1..Q4, A-6, A-7a mid-month)."}
    recovery_years: {type: rate, required: true, min_exclusive: 0, description: Recovery period in years.}
    macrs_convention: {type: text, required: true, enum: [HY, MQ, MM], description: Convention of the table.}
    placed_in_service_period: {type: integer, required: true, min: 0, max: 12, description: "0 for half-year, the quarter (1-4) for mid-quarter, the month (1-12) for mid-month."}
    recovery_year: {type: integer, required: true, min: 1, description: Recovery year (1 = the year placed in service).}
    depreciation_rate: {type: rate, required: true, min: 0, max: 1, description: Percentage of the unadjusted basis deducted in the recovery year (0.2 = 20%).}
policy__property_tax_percent_good:
  description: One row per property-tax category and age - the percent-good (depreciation) factor applied to original cost for the personal-property return.
  key: [property_tax_category, age_years]
  columns:
    property_tax_category: {type: text, required: true, description: Property-tax category of the asset class.}
    age_years: {type: integer, required: true, min: 1, description: "Age at the assessment date in years (1 = acquired in the year before)."}
    percent_good: {type: rate, required: true, min: 0, max: 1, description: Factor applied to original cost; the last age's factor is the floor for older assets.}
policy__property_tax_rates:
  description: One row per property-tax jurisdiction - assessment ratio and tax rate for business personal property.
  key: [property_tax_jurisdiction]
  columns:
    property_tax_jurisdiction: {type: text, required: true, description: Assessing authority (as on infra/locations).}
    assessment_ratio: {type: rate, required: true, min: 0, max: 1, description: Share of the market value (cost x percent good) that is assessed.}
    tax_rate: {type: rate, required: true, min: 0, description: Tax per unit of assessed value (0.0415 = 4.15 per 100).}
    assessment_month_day: {type: text, required: true, description: "Lien / assessment date within the year, 'MM-DD'."}
infra__asset_group_impairment_tests:
  description: One row per ASC 360 recoverability test of an asset group - the undiscounted cash flows and the fair value of the group at the test date.
  key: [impairment_test_id]
  columns:
    impairment_test_id: {type: text, required: true, description: Test identifier.}
    asset_group_id: {type: text, required: true, fk: infra__capital_projects.project_id, description: "Asset group: the capital project (cluster) whose assets generate the cash flows."}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Entity owning the group.}
    test_date: {type: date, required: true, description: Date of the test (carrying amounts at the end of its month).}
    triggering_event: {type: text, description: The indicator of ASC 360-10-35-21 that triggered the test.}
    undiscounted_cash_flows: {type: money, required: true, min: 0, description: Sum of the undiscounted future cash flows expected from the group's use and disposal.}
    fair_value: {type: money, required: true, min: 0, description: Fair value of the group (ASC 820).}
    currency_code: {type: currency, required: true, description: Currency of the amounts (the entity's functional currency).}
infra__asset_fair_values:
  description: One row per impairment test and asset whose own fair value is determinable without undue cost and effort.
  key: [impairment_test_id, asset_id]
  columns:
    impairment_test_id: {type: text, required: true, fk: infra__asset_group_impairment_tests.impairment_test_id, description: Test the fair value belongs to.}
    asset_id: {type: text, required: true, fk: erp__fixed_assets.asset_id, description: Asset.}
    fair_value: {type: money, required: true, min: 0, description: Fair value of the asset; the allocated loss does not take the asset below it (ASC 360-10-35-28).}
infra__capital_project_write_offs:
  description: One row per write-off of construction in progress - costs of an abandoned or partly abandoned capital project that will not become part of an asset in service.
  key: [write_off_id]
  columns:
    write_off_id: {type: text, required: true, description: Write-off identifier.}
    project_id: {type: text, required: true, fk: infra__capital_projects.project_id, description: Capital project whose CIP is written off.}
    write_off_date: {type: date, required: true, description: Date the abandonment was approved (the loss is recognized then).}
    amount: {type: money, required: true, min: 0, description: CIP cost written off, in the functional currency of the project's entity.}
    reason: {type: text, required: true, description: Why the costs are abandoned (the approval memo in short).}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
