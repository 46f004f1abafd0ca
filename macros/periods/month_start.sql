{#- The first day of the month of a date expression (period_month convention). -#}
{% macro month_start(date_expression) -%}
    {{ return(adapter.dispatch('month_start', 'infra_accounting')(date_expression)) }}
{%- endmacro %}

{% macro default__month_start(date_expression) -%}
    cast(date_trunc('month', {{ date_expression }}) as date)
{%- endmacro %}
