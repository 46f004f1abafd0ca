{#- Contract of the metering extracts (seeds/metering). See macros/contracts/extract_contract.sql. -#}
{% macro metering_extract_contract() %}
{% set contract_yaml %}
skus:
  description: One row per SKU with its list price.
  key: [sku]
  columns:
    sku: {type: text, required: true, description: SKU code.}
    description: {type: text, description: What the SKU is.}
    unit: {type: text, required: true, enum: [gpu_hour, gb_month, port_month], description: Unit of measure.}
    list_price: {type: rate, required: true, min: 0, description: List price per unit.}
usage:
  description: One row per metered usage record (customer, SKU, location, day).
  key: [usage_id]
  incremental_month_column: usage_date
  incremental_received_column: received_date
  columns:
    usage_id: {type: text, required: true, description: Meter record identifier.}
    customer_id: {type: text, required: true, description: Customer consuming (checked against the ERP in rating; unknown customers go to rating exceptions).}
    sku: {type: text, required: true, description: SKU consumed (checked against the SKU list in rating).}
    location_id: {type: text, description: Data centre serving the usage.}
    usage_date: {type: date, required: true, description: Day of consumption.}
    quantity: {type: quantity, required: true, min: 0, description: Units consumed.}
    received_date: {type: date, description: Date the record reached billing (after the month's invoice = late usage).}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
