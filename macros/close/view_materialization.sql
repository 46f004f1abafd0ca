{#-
    The view models, as dbt's view materialization but replaced in place: one
    `create or replace view` in the model's transaction, where dbt creates a __dbt_tmp view,
    renames the old view to __dbt_backup, renames the new one into place, commits and drops
    the backup (DECISIONLOG C-016). Readers see the old view until the commit. Kept: the
    hooks, the contract check of an enforced contract, and the relation returned to dbt's
    cache; grants and persisted docs are not applied (no model of this project uses them).
-#}
{%- materialization view, adapter="duckdb" -%}

    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set target_relation = this.incorporate(type='view') -%}
    {%- if config.get('grants') -%}
        {{ exceptions.raise_compiler_error(
            "Model " ~ model.name ~ " sets grants, which this project's view materialization "
            ~ "(macros/close/view_materialization.sql) does not apply. Add them there first."
        ) }}
    {%- endif -%}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {#- a table of the same name (the model was a table before): a view cannot replace it -#}
    {%- if existing_relation is not none and not existing_relation.is_view -%}
        {% do adapter.drop_relation(existing_relation) %}
    {%- endif -%}

    {% call statement('main') -%}
        {%- if config.get('contract').enforced -%}
            {{ get_assert_columns_equivalent(sql) }}
        {%- endif %}
        create or replace view {{ target_relation }} as (
            {{ sql }}
        );
    {%- endcall %}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {{ adapter.commit() }}
    {{ run_hooks(post_hooks, inside_transaction=False) }}

    {{ return({'relations': [target_relation]}) }}

{%- endmaterialization -%}
