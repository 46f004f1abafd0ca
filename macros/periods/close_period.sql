{#- The month being closed, 'YYYY-MM': dbt var close_period when one is given (--vars, or a
    unit test's overrides), else the environment variable INFRA_CLOSE_PERIOD, which
    `infra-close` sets, else the demo's close month, 2026-10.
    infra-close passes the month in the environment rather than in --vars: a changed var makes
    dbt parse the whole project again (9.4 s against 3.5 s for a partial parse), a changed
    environment variable only the files that read it while dbt parses (DECISIONLOG C-012).
    The environment variable is read only when dbt executes (compiles to run): nothing dbt
    keeps from parsing depends on the month (test filters read the months a run wrote at run
    time, D-007), so a new month re-parses no file at all (pytest
    test_close_month_environment). Never put the month in a config rendered at parse time. -#}
{% macro close_period() -%}
    {%- set close_period = var('close_period', none) -%}
    {%- if close_period is none -%}
        {%- set close_period = env_var('INFRA_CLOSE_PERIOD', '2026-10') if execute else '2026-10' -%}
    {%- endif -%}
    {%- set close_period = close_period | string -%}
    {%- if not modules.re.match('^[0-9]{4}-(0[1-9]|1[0-2])$', close_period) -%}
        {{ exceptions.raise_compiler_error("close_period must be 'YYYY-MM' (for example 2026-10), got '" ~ close_period ~ "'") }}
    {%- endif -%}
    {{ return(close_period) }}
{%- endmacro %}
