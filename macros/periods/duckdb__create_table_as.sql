{#- How dbt-duckdb creates a table, except for one case: the rows of an incremental run of a
    model appended by month (incremental_appended_after_delete(), and any SQL model whose
    strategy is append). dbt-duckdb writes those rows into a temporary table, then inserts
    the temporary table into the model: every row written twice, and held in memory until
    the connection closes. Here the temporary relation is a view of the model's query, so
    the insert runs the query once and writes each row once (DECISIONLOG C-012; at the L
    preset the usage staging's 15 million re-read rows took 20.6-20.9 s through a table,
    14.8-17.5 s through a view). The columns are checked as before: the contract, when the
    model enforces one, and on_schema_change against the view's columns. -#}
{% macro duckdb__create_table_as(
    temporary, relation, compiled_code, language='sql', partitioned_by=none, sorted_by=none
) -%}
    {%- if temporary and language == 'sql' and config.get('incremental_strategy') == 'append' -%}
        {%- if config.get('contract').enforced -%}
            {{ get_assert_columns_equivalent(compiled_code) }}
        {%- endif %}
        create temporary view {{ relation.include(database=False, schema=False) }} as (
            {{ compiled_code }}
        )
    {%- else -%}
        {{ dbt.duckdb__create_table_as(temporary, relation, compiled_code, language, partitioned_by, sorted_by) }}
    {%- endif -%}
{%- endmacro %}
