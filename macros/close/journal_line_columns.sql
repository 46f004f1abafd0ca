{#- The select list of the journal-line shape every subledger's int_<area>_journal_lines
    exposes and fct_journal_entries reads: each column cast to its type. With
    null_values=true every column is a typed NULL (for an empty relation of that shape). -#}
{% macro journal_line_columns(null_values=false) -%}
    {{ return(adapter.dispatch('journal_line_columns', 'infra_accounting')(null_values)) }}
{%- endmacro %}

{% macro default__journal_line_columns(null_values=false) -%}
    {%- set columns = [
        ('journal_id', 'varchar'),
        ('journal_line_number', 'integer'),
        ('subsidiary_id', 'varchar'),
        ('period_month', 'date'),
        ('posting_date', 'date'),
        ('account_number', 'varchar'),
        ('debit_amount', 'decimal(18, 2)'),
        ('credit_amount', 'decimal(18, 2)'),
        ('currency_code', 'varchar'),
        ('journal_type', 'varchar'),
        ('source_area', 'varchar'),
        ('source_document_id', 'varchar'),
        ('memo', 'varchar'),
    ] -%}
    {%- for column_name, data_type in columns %}
        cast({{ 'null' if null_values else column_name }} as {{ data_type }}) as {{ column_name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}
