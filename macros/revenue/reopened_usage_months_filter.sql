{#- The filter an incremental rating model puts on int_usage_records_rated: in an incremental
    run only the months of consumption in int_usage_months_reopened (the open months and the
    months late usage reopened), as DATE literals so the filter reaches the scan of staged
    usage (`and false` when no month is reopened); in a full build nothing (empty). Starts with
    `and`, to follow a condition. -#}
{% macro reopened_usage_months_filter() -%}
    {%- if is_incremental() -%}
        {%- set reopened_months = infra_accounting.months_to_recompute(ref('int_usage_months_reopened'), 'usage_month') -%}
        {%- if reopened_months -%}
            and usage_date >= date '{{ reopened_months[0] }}'
            and usage_month in ({{ "date '" ~ reopened_months | join("', date '") ~ "'" }})
        {%- else -%}
            and false
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
