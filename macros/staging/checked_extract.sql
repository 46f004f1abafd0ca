{#- Every raw row of one extract, typed, with exception_severity / exception_reason / row_key
    / raw_row_json (null when the row meets the contract): the body of the extract's checked
    model stg_<source>__<extract>_checked, the one place the extract is validated. The staged
    model keeps its good rows, stg_extract_exceptions the others.

    An extract whose contract names an incremental_month_column is an incremental model
    (incremental_by_extract_month, by incremental_month, the month of that column; rows
    without a readable date are in the month 0001-01-01 and are re-read every run): an incremental run reads
    only the rows from extract_reread_start_month() on - incremental_start_month() (the close
    period less var incremental_lookback_months, default 1: late lines of the month before the
    close), or for a delivery feed (incremental_received_column) the close month plus every row
    delivered in it - and leaves the other rows as they are. A full refresh reads every row and gives the same table (docs/extracts.md). -#}
{% macro checked_extract(source_name, extract_name) -%}
    {%- set spec = infra_accounting.extract_contract()[source_name ~ '__' ~ extract_name] -%}
    {%- set incremental_from = none -%}
    {%- if spec.get('incremental_month_column') and is_incremental() -%}
        {%- set incremental_from = infra_accounting.extract_reread_start_month(spec) -%}
    {%- endif -%}
{%- if incremental_from %}
-- incremental run: re-reads the months from {{ incremental_from }} on
{%- endif %}
with
{{ infra_accounting.validated_extract(source_name, extract_name, incremental_from) }}

select * from checked_rows
{%- endmacro %}

