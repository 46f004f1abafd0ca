{#- The filter an incremental_by_usage_month model puts on what it reads: in an incremental
    run only the months of consumption in int_usage_months_reopened (the open months and the
    months late usage reopened), as DATE literals so the filter reaches the scan (of staged
    usage: the bound on date_column, usage_date for the records, lets the scan skip the rows
    before the first reopened month; none for a relation of months); `and false` when no month
    is reopened; in a full build nothing (empty). Starts with `and`, to follow a condition. -#}
{% macro reopened_usage_months_filter(month_column='usage_month', date_column='usage_date') -%}
    {%- if is_incremental() -%}
        {%- set reopened_months = infra_accounting.reopened_usage_months() -%}
        {%- if reopened_months -%}
            {%- if date_column %}
            and {{ date_column }} >= date '{{ reopened_months[0] }}'
            {%- endif %}
            and {{ month_column }} in ({{ infra_accounting.date_literals(reopened_months) }})
        {%- else -%}
            and false
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The months in int_usage_months_reopened, as 'YYYY-MM-DD' texts in order (empty at parse
    time): the months an incremental rating run reads and rewrites. -#}
{% macro reopened_usage_months() -%}
    {{ return(infra_accounting.months_to_recompute(ref('int_usage_months_reopened'), 'usage_month')) }}
{%- endmacro %}

{#- 'YYYY-MM-DD' texts as a comma-separated list of DATE literals, for an `in (...)`. -#}
{% macro date_literals(day_texts) -%}
    {{- "date '" ~ day_texts | join("', date '") ~ "'" -}}
{%- endmacro %}
