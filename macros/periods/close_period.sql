{#- The month being closed, 'YYYY-MM': dbt var close_period when one is given (--vars, or a
    unit test's overrides), else the environment variable INFRA_CLOSE_PERIOD, which
    `infra-close` sets, else the demo's close month, 2026-10.
    infra-close passes the month in the environment rather than in --vars: a changed var makes
    dbt parse the whole project again (9.4 s against 3.5 s for a partial parse), a changed
    environment variable only the nodes that read it (DECISIONLOG C-012). -#}
{% macro close_period() -%}
    {%- set close_period = (var('close_period', none) or env_var('INFRA_CLOSE_PERIOD', '2026-10')) | string -%}
    {%- if not modules.re.match('^[0-9]{4}-(0[1-9]|1[0-2])$', close_period) -%}
        {{ exceptions.raise_compiler_error("close_period must be 'YYYY-MM' (for example 2026-10), got '" ~ close_period ~ "'") }}
    {%- endif -%}
    {{ return(close_period) }}
{%- endmacro %}
