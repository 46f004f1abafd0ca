{#- The config of an extract's checked model when its contract names an
    incremental_month_column: appended to, after its pre-hook deleted the rows the run
    re-reads (delete_reread_months). The delete is a range on incremental_month, which the
    table's zone maps answer, where dbt's delete+insert probes every kept row against the
    month of each new row (at L, 83 million kept usage rows against 15 million re-read ones),
    and it also empties a re-read month the extract no longer holds, which delete+insert kept. -#}
{% macro incremental_by_extract_month() -%}
    {{- infra_accounting.incremental_appended_after_delete(
        "{{ infra_accounting.delete_reread_months() }}",
        "{{ infra_accounting.record_first_month_written(infra_accounting.extract_reread_start_month(infra_accounting.checked_model_spec())) }}"
    ) -}}
{%- endmacro %}

{#- The contract entry of the checked model being run (stg_<source>__<extract>_checked). -#}
{% macro checked_model_spec() -%}
    {{- return(infra_accounting.extract_contract()[this.identifier[4:-8]]) -}}
{%- endmacro %}

{#- The first month an incremental run of an extract's checked model re-reads, as a SQL date:
    incremental_start_month() (the close period less var incremental_lookback_months: late
    lines of the months before the close reach it by their month), or, for an append-only
    delivery feed whose contract names an incremental_received_column (metering/usage by
    received_date), the close period itself - every row delivered from its first day is
    re-read whatever its month, which covers late usage of any earlier month, and the rows
    delivered before it were read by the closes they were delivered to (DECISIONLOG D-007). -#}
{% macro extract_reread_start_month(spec) -%}
    {%- if spec.get('incremental_received_column') -%}
        {{- return(infra_accounting.close_period_month() | trim) -}}
    {%- endif -%}
    {{- return(infra_accounting.incremental_start_month()) -}}
{%- endmacro %}

{#- Pre-hook of an incremental_by_extract_month model: in an incremental run, delete the
    rows the run re-reads - the months from extract_reread_start_month() on (including months
    after the close period left by an earlier, later close), the rows without a readable date
    (month 0001-01-01), which every run re-reads, and for a delivery feed the rows delivered
    from that month on - so the run appends them afresh. Nothing in a full build. -#}
{% macro delete_reread_months() -%}
    {%- if is_incremental() -%}
        {%- set spec = infra_accounting.checked_model_spec() -%}
        {%- set start_month = infra_accounting.extract_reread_start_month(spec) -%}
        delete from {{ this }}
        where incremental_month >= {{ start_month }}
            or incremental_month = date '0001-01-01'
            {%- if spec.get('incremental_received_column') %}
            or {{ spec.incremental_received_column }} >= {{ start_month }}
            {%- endif %}
    {%- endif -%}
{%- endmacro %}
