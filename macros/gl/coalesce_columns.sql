{#- The select list of a full outer join's shared columns: for each name in `column_names`,
    coalesce(<left_alias>.<name>, <right_alias>.<name>) as <name>, comma-separated (the caller
    writes the comma after the last one). -#}
{% macro coalesce_columns(left_alias, right_alias, column_names) -%}
    {{ return(adapter.dispatch('coalesce_columns', 'infra_accounting')(left_alias, right_alias, column_names)) }}
{%- endmacro %}

{% macro default__coalesce_columns(left_alias, right_alias, column_names) -%}
    {%- for column_name in column_names -%}
        coalesce({{ left_alias }}.{{ column_name }}, {{ right_alias }}.{{ column_name }}) as {{ column_name }}
        {{- ',\n        ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
