{#- Round an expression to the cent once and cast it to the money type decimal(18,2).
    Every money column of a mart goes through this macro, never through float. -#}
{% macro money(expression) -%}
    {{ return(adapter.dispatch('money', 'infra_accounting')(expression)) }}
{%- endmacro %}

{% macro default__money(expression) -%}
    cast(round(cast({{ expression }} as decimal(38, 10)), 2) as decimal(18, 2))
{%- endmacro %}
