{#- Extracts added by the leases area (policy seeds and extra extracts), keyed
    '<source>__<extract>' so they may belong to any source. Same format as the source
    contracts; see macros/contracts/extract_contract.sql. -#}
{% macro leases_area_extract_contract() %}
{% set contract_yaml %}
{}
{% endset %}
{{ return(fromyaml(contract_yaml)) }}
{% endmacro %}
