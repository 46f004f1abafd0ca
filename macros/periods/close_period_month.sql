{#- The first day of the month being closed (var close_period, 'YYYY-MM'), as a DATE literal. -#}
{% macro close_period_month() -%}
    {%- set close_period = var('close_period') | string -%}
    {%- if not modules.re.match('^[0-9]{4}-(0[1-9]|1[0-2])$', close_period) -%}
        {{ exceptions.raise_compiler_error("close_period must be 'YYYY-MM' (for example 2026-10), got '" ~ close_period ~ "'") }}
    {%- endif -%}
    date '{{ close_period }}-01'
{%- endmacro %}
