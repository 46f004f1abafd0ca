{#- Whole months from the month of start_date to the month of end_date (Jan -> Mar = 2). -#}
{% macro months_between(start_date, end_date) -%}
    {{ return(adapter.dispatch('months_between', 'infra_accounting')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__months_between(start_date, end_date) -%}
    ((year({{ end_date }}) - year({{ start_date }})) * 12 + month({{ end_date }}) - month({{ start_date }}))
{%- endmacro %}
