{#- The first month an incremental run recomputes: the close period less the var
    incremental_lookback_months (default 0), as a DATE literal. Months before it are closed:
    incremental models read them from their own table and do not rebuild them. -#}
{% macro incremental_start_month() -%}
    {{ return(adapter.dispatch('incremental_start_month', 'infra_accounting')()) }}
{%- endmacro %}

{% macro default__incremental_start_month() -%}
    {{ infra_accounting.add_months(infra_accounting.close_period_month(), -(var('incremental_lookback_months', 0) | int)) }}
{%- endmacro %}
