{#- Pre-hook of a model incremental by month: in an incremental run, delete the months the run
    recomputes (incremental_recompute_month() and after, including months after the close
    period left by an earlier, later close), so the run appends them afresh. Nothing in a
    full build. -#}
{% macro delete_recomputed_months(column_name='period_month') -%}
    {{ return(adapter.dispatch('delete_recomputed_months', 'infra_accounting')(column_name)) }}
{%- endmacro %}

{% macro default__delete_recomputed_months(column_name='period_month') -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ column_name }} >= {{ infra_accounting.incremental_recompute_month(column_name) }}
    {%- endif -%}
{%- endmacro %}
