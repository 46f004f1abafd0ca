{#- The first month an incremental close recomputes, as a DATE literal: the close period
    (var close_period) less var incremental_lookback_months (default 1, so the month before
    the close is recomputed too and catches usage received late). Months before it are closed:
    incremental models read them and do not rebuild them. Shared by every model that is
    incremental by month (staging, rating, matching). -#}
{% macro incremental_start_month() -%}
    {{ return(adapter.dispatch('incremental_start_month', 'infra_accounting')()) }}
{%- endmacro %}

{% macro default__incremental_start_month() -%}
    {%- set lookback = var('incremental_lookback_months', 1) | int -%}
    {%- if lookback < 0 -%}
        {{ exceptions.raise_compiler_error("incremental_lookback_months must be 0 or more, got " ~ lookback) }}
    {%- endif -%}
    cast({{ infra_accounting.close_period_month() }} - to_months({{ lookback }}) as date)
{%- endmacro %}
