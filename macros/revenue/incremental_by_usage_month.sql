{#- The config of a model incremental by month of consumption (int_usage_records_summed,
    int_usage_records_unrated): delete and re-insert the months its rows hold, which
    reopened_usage_months_filter() limits to the months in int_usage_months_reopened; a
    changed column list fails rather than silently drifting. -#}
{% macro incremental_by_usage_month() -%}
    {{- config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='usage_month',
        on_schema_change='fail',
    ) -}}
{%- endmacro %}
