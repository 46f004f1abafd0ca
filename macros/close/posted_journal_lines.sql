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
        cast(journal_id as varchar) as journal_id,
        cast(journal_line_number as integer) as journal_line_number,
        cast(subsidiary_id as varchar) as subsidiary_id,
        cast(period_month as date) as period_month,
        cast(posting_date as date) as posting_date,
        cast(account_number as varchar) as account_number,
        cast(debit_amount as decimal(18, 2)) as debit_amount,
        cast(credit_amount as decimal(18, 2)) as credit_amount,
        cast(currency_code as varchar) as currency_code,
        cast(journal_type as varchar) as journal_type,
        cast(source_area as varchar) as source_area,
        cast(source_document_id as varchar) as source_document_id,
        cast(memo as varchar) as memo
    from read_parquet('{{ pattern }}')
    {%- else %}
    select
        cast(null as varchar) as journal_id,
        cast(null as integer) as journal_line_number,
        cast(null as varchar) as subsidiary_id,
        cast(null as date) as period_month,
        cast(null as date) as posting_date,
        cast(null as varchar) as account_number,
        cast(null as decimal(18, 2)) as debit_amount,
        cast(null as decimal(18, 2)) as credit_amount,
        cast(null as varchar) as currency_code,
        cast(null as varchar) as journal_type,
        cast(null as varchar) as source_area,
        cast(null as varchar) as source_document_id,
        cast(null as varchar) as memo
    where false
    {%- endif %}
{%- endmacro %}
