{#- Cast a rate, percentage or price to decimal(18,8), rounding once. -#}
{% macro rate(expression) -%}
    {{ return(adapter.dispatch('rate', 'infra_accounting')(expression)) }}
{%- endmacro %}

{% macro default__rate(expression) -%}
    cast(round(cast({{ expression }} as decimal(38, 12)), 8) as decimal(18, 8))
{%- endmacro %}
