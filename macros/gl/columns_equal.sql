{#- A join condition on columns of the same name: <left_alias>.<name> = <right_alias>.<name>
    for each name in `column_names`, joined with and. -#}
{% macro columns_equal(left_alias, right_alias, column_names) -%}
    {{ return(adapter.dispatch('columns_equal', 'infra_accounting')(left_alias, right_alias, column_names)) }}
{%- endmacro %}

{% macro default__columns_equal(left_alias, right_alias, column_names) -%}
    {%- for column_name in column_names -%}
        {{ left_alias }}.{{ column_name }} = {{ right_alias }}.{{ column_name }}
        {{- '\n            and ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
