{#- Contract of the infrastructure extracts (seeds/infra). See macros/contracts/extract_contract.sql. -#}
{% macro infra_extract_contract() %}
{% set contract_yaml %}
locations:
  description: One row per location (data centre or office).
  key: [location_id]
  columns:
    location_id: {type: text, required: true, description: Location identifier.}
    data_center_name: {type: text, required: true, description: Name of the data centre or office.}
    street: {type: text, description: Street address.}
    city: {type: text, description: City.}
    county: {type: text, description: County (property-tax assessor).}
    state: {type: text, description: State or region.}
    country: {type: text, required: true, description: Country code.}
    property_tax_jurisdiction: {type: text, description: Property-tax jurisdiction that assesses the location's personal property.}
capital_projects:
  description: One row per capital project (a cluster build-out tracked through CIP).
  key: [project_id]
  date_order: [[start_date, expected_in_service_date]]
  columns:
    project_id: {type: text, required: true, description: Capital project identifier.}
    subsidiary_id: {type: text, required: true, fk: erp__subsidiaries.subsidiary_id, description: Legal entity that owns the project.}
    location_id: {type: text, fk: infra__locations.location_id, description: Where the cluster is built.}
    description: {type: text, description: What is being built.}
    asset_class_code: {type: text, fk: policy__asset_classes.asset_class_code, description: Asset class the project's assets are placed in service in.}
    budget_amount: {type: money, min: 0, description: Approved budget in the entity's functional currency.}
    start_date: {type: date, required: true, description: Date the project started.}
    expected_in_service_date: {type: date, description: Planned acceptance date.}
deployment_milestones:
  description: One row per project per deployment milestone; `accepted` is the placed-in-service evidence.
  key: [project_id, milestone]
  columns:
    project_id: {type: text, required: true, fk: infra__capital_projects.project_id, description: Capital project.}
    milestone: {type: text, required: true, enum: [racked, powered, burn_in, accepted], description: Deployment milestone reached.}
    milestone_date: {type: date, required: true, description: Date the milestone was reached.}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
