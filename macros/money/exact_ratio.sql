{#- numerator / denominator as a ratio decimal(38,18), rounded half away from zero once,
    exactly: both are taken at 2 decimals (money), become whole cents in HUGEINT, and the
    quotient is an integer division with the half added (rounded_integer_quotient, as in
    money_share). No double anywhere: DuckDB's `/` of
    decimals is DOUBLE (DECISIONLOG D-003). Holds a numerator up to about 10^17 (HUGEINT:
    1.7 x 10^38 in units of 10^-18 of a cent). A zero or null denominator gives null. -#}
{% macro exact_ratio(numerator, denominator) -%}
    {{ return(adapter.dispatch('exact_ratio', 'infra_accounting')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__exact_ratio(numerator, denominator) -%}
    {%- set numerator_cents = 'cast(cast(' ~ numerator ~ ' as decimal(38, 2)) * 100 as hugeint)' -%}
    {%- set denominator_cents = 'nullif(cast(cast(' ~ denominator ~ ' as decimal(38, 2)) * 100 as hugeint), 0)' -%}
    cast(
        cast(
            {{ infra_accounting.rounded_integer_quotient(numerator_cents ~ ' * 1000000000000000000', denominator_cents) }}
            as decimal(38, 0)
        ) * 0.000000000000000001 as decimal(38, 18)
    )
{%- endmacro %}
