{#-
    The data tests (the close's controls), as dbt's own test materialization except for where
    failing rows are stored: dbt stores every test's result set in control_failures before
    counting it, one table created (and the last close's dropped) per control per run, failing
    or not. At 419 controls that was a sixth of an incremental close at L (DECISIONLOG C-011).

    Here the control's query is counted first, as dbt does without store_failures; the failing
    rows are then stored, under the same name in control_failures, only when there are any.
    A control that passes leaves no table, and the table a previous close left for it is
    dropped, so control_failures holds exactly the rows behind this close's exceptions. The
    query of a failing control runs a second time to store its rows: failures are rare and
    small, passes are the rule.
-#}
{%- materialization test, default -%}

    {% set relations = [] %}
    {% set limit = config.get('limit') %}
    {% set sql_header = config.get('sql_header') if flags.REQUIRE_SQL_HEADER_IN_TEST_CONFIGS else none %}
    {% set fail_calc = config.get('fail_calc') %}
    {% set warn_if = config.get('warn_if') %}
    {% set error_if = config.get('error_if') %}

    {% set sql_with_limit %}
        {{ get_limit_subquery_sql(sql, limit) }}
    {% endset %}

    {% call statement('main', fetch_result=True) -%}
        {% if sql_header %}{{ sql_header }}{% endif %}
        {{ get_test_sql(sql_with_limit, fail_calc, warn_if, error_if, limit=none) }}
    {%- endcall %}

    {% if should_store_failures() %}
        {% set store_failures_as = config.get('store_failures_as') or 'table' %}
        {% if store_failures_as not in ['table', 'view'] %}
            {{ exceptions.raise_compiler_error(
                "'" ~ store_failures_as ~ "' is not a valid value for `store_failures_as`. Accepted values are: ['table', 'view']"
            ) }}
        {% endif %}
        {% set identifier = model['alias'] %}
        {% set old_relation = adapter.get_relation(database=database, schema=schema, identifier=identifier) %}
        {% if old_relation %}
            {% do adapter.drop_relation(old_relation) %}
        {% endif %}
        {% set counted = load_result('main')['data'] %}
        {% set failures = counted[0][0] if counted else 0 %}
        {% if failures %}
            {% set target_relation = api.Relation.create(
                identifier=identifier, schema=schema, database=database, type=store_failures_as
            ) %}
            {% call statement('store_failing_rows', auto_begin=True) %}
                {% if sql_header %}{{ sql_header }}{% endif %}
                {{ get_create_sql(target_relation, sql_with_limit) }}
            {% endcall %}
            {% do relations.append(target_relation) %}
            {{ adapter.commit() }}
        {% endif %}
    {% endif %}

    {{ return({'relations': relations}) }}

{%- endmaterialization -%}
