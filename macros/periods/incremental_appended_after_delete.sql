{#- The config shared by every model incremental by month (incremental_by_period_month,
    incremental_by_usage_month, incremental_by_extract_month): appended to, after the pre-hook
    delete_hook (a Jinja string rendered when the model runs) deleted the months the run
    writes again; a changed column list fails rather than silently drifting. Before the
    delete, the pre-hook first_month_hook logs the first month the run writes
    (record_first_month_written), which the model's data tests read. -#}
{% macro incremental_appended_after_delete(delete_hook, first_month_hook) -%}
    {{- config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=[first_month_hook, delete_hook],
    ) -}}
{%- endmacro %}
