{#- amount x numerator / denominator, rounded half away from zero once to the cent, exactly:
    money decimal(18,2). The amount is taken at 2 decimals (money), the numerator and the
    denominator at `scale` (8 by default: weights, days, counts, rates; 10 for a money amount
    times a rate, which is exact at 10); all three become whole numbers of their
    smallest unit in HUGEINT, the product is divided by integer division with the half added,
    and the cents go back to decimal. No double anywhere: DuckDB's `/` of decimals is DOUBLE,
    which misrounds a quotient past about 10^13 or one that falls within 10^-10 of a half cent
    (DECISIONLOG D-003). Holds amount x numerator up to about 10^28 (HUGEINT: 1.7 x 10^38 in
    units of 10^-10). A zero or null denominator gives null. -#}
{% macro money_share(amount, numerator, denominator, scale=8) -%}
    {{ return(adapter.dispatch('money_share', 'infra_accounting')(amount, numerator, denominator, scale)) }}
{%- endmacro %}

{% macro default__money_share(amount, numerator, denominator, scale=8) -%}
    {%- set unit = '1' ~ ('0' * scale) -%}
    {%- set product_units = '(cast(cast(' ~ amount ~ ' as decimal(38, 2)) * 100 as hugeint)'
        ~ ' * cast(cast(' ~ numerator ~ ' as decimal(38, ' ~ scale ~ ')) * ' ~ unit ~ ' as hugeint))' -%}
    {%- set denominator_units = 'nullif(cast(cast(' ~ denominator ~ ' as decimal(38, ' ~ scale ~ ')) * ' ~ unit ~ ' as hugeint), 0)' -%}
    cast(
        cast(
            {{ infra_accounting.rounded_integer_quotient(product_units, denominator_units) }}
            as decimal(38, 0)
        ) * 0.01 as decimal(18, 2)
    )
{%- endmacro %}
