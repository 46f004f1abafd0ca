{#- Schemas are named after the layer alone (raw, staging, intermediate, marts, control_failures),
    so BI tools and other people's code find `marts.fct_lease_schedule` whatever the target. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
