{#-
    The table models, as dbt-duckdb's table materialization but replaced in place: one
    `create or replace table` in the model's transaction, where dbt-duckdb builds a
    __dbt_tmp table, renames the old table to __dbt_backup, renames the new one into place,
    commits, then drops the backup - five statements and their catalog and foreign-key
    look-ups per model, about a fifth of the table models' time in an incremental close at
    L (DECISIONLOG C-016). DuckDB's DDL is transactional, so readers see the old table until
    the commit, as with the rename; a failed model leaves the old table in place.

    Kept from dbt-duckdb: the pre- and post-hooks in and out of the transaction, the
    contract check (the query's columns against the declared ones, the table created with
    the declared types, then filled), and the relation returned to dbt's cache. Not carried
    over, because no model of this project uses them: grants, persisted docs, indexes,
    foreign keys, DuckLake partitioning and sort order.

    Python models keep dbt-duckdb's path (the job writes __dbt_tmp, the old table is renamed
    to __dbt_backup, the new one into place, and the backup is dropped after the commit):
    their table is written by the Python job itself, with `create table`.
-#}
{% materialization table, adapter="duckdb", supported_languages=['sql', 'python'] %}

    {%- set language = model['language'] -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- if config.get('grants') or config.get('indexes') -%}
        {{ exceptions.raise_compiler_error(
            "Model " ~ model.name ~ " sets grants or indexes, which this project's table materialization "
            ~ "(macros/close/table_materialization.sql) does not apply. Add them there first."
        ) }}
    {%- endif -%}

    {%- if language == 'python' %}
    {#- dbt runs a Python model's job only from the materialization's own `statement('main')` -#}
    {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
    {%- set backup_relation = make_backup_relation(target_relation, 'table' if existing_relation is none else existing_relation.type) -%}
    {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
    {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}
    {%- endif %}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    -- `BEGIN` happens here:
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {%- if language == 'python' %}
    {% call statement('main', language='python') -%}
        {{- create_table_as(False, intermediate_relation, compiled_code, 'python') }}
    {%- endcall %}
    {% if existing_relation is not none %}
        {{ adapter.rename_relation(existing_relation, backup_relation) }}
    {% endif %}
    {{ adapter.rename_relation(intermediate_relation, target_relation) }}
    {%- else %}
    {#- a view of the same name (the model was a view before): a table cannot replace it -#}
    {%- if existing_relation is not none and not existing_relation.is_table -%}
        {% do adapter.drop_relation(existing_relation) %}
    {%- endif -%}
    {% call statement('main') -%}
        {{ infra_accounting.create_or_replace_table_as(target_relation, compiled_code) }}
    {%- endcall %}
    {%- endif %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    -- `COMMIT` happens here
    {{ adapter.commit() }}
    {%- if language == 'python' %}
    {{ drop_relation_if_exists(backup_relation) }}
    {%- endif %}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}

{% endmaterialization %}

{#- The statement that replaces a SQL table model: with an enforced contract, the query's
    columns are checked against the declared ones (get_assert_columns_equivalent raises
    otherwise), the table is created with the declared types and filled by column name, as
    dbt-duckdb does; without one, the table is created from the query. -#}
{% macro create_or_replace_table_as(relation, compiled_code) -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {{ sql_header if sql_header is not none }}
    {%- if config.get('contract').enforced %}
    {{ get_assert_columns_equivalent(compiled_code) }}
    create or replace table {{ relation }} {{ get_table_columns_and_constraints() }};
    insert into {{ relation }} {{ get_column_names() }} (
        {{ get_select_subquery(compiled_code) }}
    );
    {%- else %}
    create or replace table {{ relation }} as (
        {{ compiled_code }}
    );
    {%- endif -%}
{%- endmacro %}
