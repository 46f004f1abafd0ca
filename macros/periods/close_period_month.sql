{#- The first day of the month being closed (close_period(), 'YYYY-MM'), as a DATE literal. -#}
{% macro close_period_month() -%}
    date '{{ infra_accounting.close_period() }}-01'
{%- endmacro %}
