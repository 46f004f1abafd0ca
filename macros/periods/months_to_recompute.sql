{#- The months an incremental run recomputes, read from a relation listing them (one row per
    month in `column_name`), as a list of 'YYYY-MM-DD' strings (empty when not executing).
    Models render them as DATE literals so the month filter reaches the scan of the source
    (a subquery would not be pushed down). -#}
{% macro months_to_recompute(relation, column_name='usage_month') -%}
    {{ return(adapter.dispatch('months_to_recompute', 'infra_accounting')(relation, column_name)) }}
{%- endmacro %}

{% macro default__months_to_recompute(relation, column_name='usage_month') -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set months_query -%}
        select distinct strftime({{ column_name }}, '%Y-%m-%d') as month_text from {{ relation }} order by 1
    {%- endset -%}
    {{ return(run_query(months_query).columns[0].values() | list) }}
{%- endmacro %}
