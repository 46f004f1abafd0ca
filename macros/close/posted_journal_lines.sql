{#- The journal lines of months already closed by `infra-close close` (the posted history),
    read from the parquet files under var posted_history_dir (journal_lines/*.parquet,
    one file per closed month). The files live outside the warehouse, so a rebuild from
    scratch keeps them. No files yet (a first close) gives an empty relation of the same
    shape. -#}
{% macro posted_journal_lines() -%}
    {{ return(adapter.dispatch('posted_journal_lines', 'infra_accounting')()) }}
{%- endmacro %}

{% macro default__posted_journal_lines() -%}
    {%- set pattern = (var('posted_history_dir') | string).rstrip('/') ~ '/journal_lines/*.parquet' -%}
    {%- set has_files = false -%}
    {%- if execute -%}
        {%- set found = run_query("select count(*) from glob('" ~ pattern ~ "')") -%}
        {%- set has_files = found.columns[0].values()[0] > 0 -%}
    {%- endif -%}
    {%- if has_files %}
    select
        {{- infra_accounting.journal_line_columns() }}
    from read_parquet('{{ pattern }}')
    {%- else %}
    select
        {{- infra_accounting.journal_line_columns(null_values=true) }}
    where false
    {%- endif %}
{%- endmacro %}
