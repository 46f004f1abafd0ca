{#- The config of an extract's checked model when its contract names an
    incremental_month_column: appended to, after its pre-hook deleted the months the run
    re-reads (delete_reread_months). The delete is a range on incremental_month, which the
    table's zone maps answer, where dbt's delete+insert probes every kept row against the
    month of each new row (at L, 83 million kept usage rows against 15 million re-read ones),
    and it also empties a re-read month the extract no longer holds, which delete+insert kept. -#}
{% macro incremental_by_extract_month() -%}
    {{- infra_accounting.incremental_appended_after_delete(
        "{{ infra_accounting.delete_reread_months() }}",
        "{{ infra_accounting.record_first_month_written(infra_accounting.incremental_start_month()) }}"
    ) -}}
{%- endmacro %}

{#- Pre-hook of an incremental_by_extract_month model: in an incremental run, delete the
    months the run re-reads - incremental_start_month() and after (including months after
    the close period left by an earlier, later close) and the rows without a readable date
    (month 0001-01-01), which every run re-reads - so the run appends them afresh. Nothing in
    a full build. -#}
{% macro delete_reread_months() -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        where incremental_month >= {{ infra_accounting.incremental_start_month() }}
            or incremental_month = date '0001-01-01'
    {%- endif -%}
{%- endmacro %}
