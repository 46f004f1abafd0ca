{#- numerator / denominator of two whole numbers (HUGEINT units), rounded half away from zero
    to a whole number by integer division with the half added: the exact division behind
    money_share and exact_ratio (DuckDB's `/` of decimals is DOUBLE, DECISIONLOG D-003). A null
    denominator gives null; the caller turns a zero one into null. -#}
{% macro rounded_integer_quotient(numerator_units, denominator_units) -%}
    sign({{ numerator_units }}) * sign({{ denominator_units }})
    * ((2 * abs({{ numerator_units }}) + abs({{ denominator_units }})) // (2 * abs({{ denominator_units }})))
{%- endmacro %}
