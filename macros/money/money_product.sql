{#- A quantity times a unit price, rounded half away from zero once to the cent and cast to
    the money type decimal(18,2). The quantity (scale 4) is widened to width 38 (D-003), so the
    product is exact at its own scale, 12, and is rounded from there. money() would bring it
    to scale 10 first, a second rounding: 0.0003 x 16.66666650 = 0.004999999950 became
    0.0050000000 and then 0.01 instead of 0.00 (DECISIONLOG D-003). -#}
{% macro money_product(quantity, unit_price) -%}
    {{ return(adapter.dispatch('money_product', 'infra_accounting')(quantity, unit_price)) }}
{%- endmacro %}

{% macro default__money_product(quantity, unit_price) -%}
    cast(round(cast({{ quantity }} as decimal(38, 4)) * cast({{ unit_price }} as decimal(18, 8)), 2) as decimal(18, 2))
{%- endmacro %}
