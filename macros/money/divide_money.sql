{#- Divide two amounts and round the quotient once to the cent (decimal(18,2)).
    A zero or null denominator gives null rather than an error. DuckDB's `/` returns a
    double, so the division is done in decimal(38,10) arithmetic instead. -#}
{% macro divide_money(numerator, denominator) -%}
    {{ return(adapter.dispatch('divide_money', 'infra_accounting')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__divide_money(numerator, denominator) -%}
    {{ infra_accounting.money(
        'cast(' ~ numerator ~ ' as decimal(38, 10)) / nullif(cast(' ~ denominator ~ ' as decimal(38, 10)), 0)'
    ) }}
{%- endmacro %}
