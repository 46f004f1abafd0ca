{#- A date plus a whole number of months (clamped to the month end, as DuckDB does). -#}
{% macro add_months(date_expression, months) -%}
    {{ return(adapter.dispatch('add_months', 'infra_accounting')(date_expression, months)) }}
{%- endmacro %}

{% macro default__add_months(date_expression, months) -%}
    cast({{ date_expression }} + to_months(cast({{ months }} as integer)) as date)
{%- endmacro %}
