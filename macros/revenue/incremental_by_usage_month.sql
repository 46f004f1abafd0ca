{#- The config of a model incremental by month of consumption (int_usage_records_summed,
    int_usage_records_unrated, int_contract_usage_summed_monthly): appended to, after its
    pre-hook deleted the months in int_usage_months_reopened (delete_reopened_usage_months) from
    its month column (month_column: usage_month, or period_month for a model keyed by it), the
    months reopened_usage_months_filter() lets the run read. A reopened month left with no rows
    is emptied, not kept stale. -#}
{% macro incremental_by_usage_month(month_column='usage_month') -%}
    {{- infra_accounting.incremental_appended_after_delete(
        "{{ infra_accounting.delete_reopened_usage_months('" ~ month_column ~ "') }}",
        "{{ infra_accounting.record_first_month_written(infra_accounting.first_reopened_usage_month()) }}"
    ) -}}
{%- endmacro %}

{#- Pre-hook of an incremental_by_usage_month model: in an incremental run, delete the
    months in int_usage_months_reopened from its month column; nothing in a full build or when
    no month is reopened. -#}
{% macro delete_reopened_usage_months(month_column='usage_month') -%}
    {%- if is_incremental() -%}
        {%- set reopened_months = infra_accounting.reopened_usage_months() -%}
        {%- if reopened_months -%}
            delete from {{ this }}
            where {{ month_column }} in ({{ infra_accounting.date_literals(reopened_months) }})
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- The first month an incremental_by_usage_month model rewrites, as a DATE literal: the first
    month in int_usage_months_reopened, or 9999-12-31 when none is reopened (nothing written). -#}
{% macro first_reopened_usage_month() -%}
    {%- set reopened_months = infra_accounting.reopened_usage_months() -%}
    {{- "date '" ~ (reopened_months[0] if reopened_months else '9999-12-31') ~ "'" -}}
{%- endmacro %}
