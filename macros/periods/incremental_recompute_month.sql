{#- In an incremental run, the first month the model recomputes, as a SQL expression:
    incremental_start_month(), or the month after the last one the model's table holds when
    that is earlier (a table behind the close is caught up; an empty one is rebuilt whole).
    Months before it are read from the table, never rebuilt. -#}
{% macro incremental_recompute_month(column_name='period_month') -%}
    {{ return(adapter.dispatch('incremental_recompute_month', 'infra_accounting')(column_name)) }}
{%- endmacro %}

{% macro default__incremental_recompute_month(column_name='period_month') -%}
    least(
        {{ infra_accounting.incremental_start_month() }},
        coalesce(
            (select {{ infra_accounting.add_months('max(' ~ column_name ~ ')', 1) }} from {{ this }}),
            date '0001-01-01'
        )
    )
{%- endmacro %}
