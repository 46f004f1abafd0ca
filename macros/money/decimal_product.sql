{#- The product of a list of ratios (kept shares, factors) as decimal(38,18), each step
    rounded to 18 decimals; a null element counts as 1 (no factor), and an empty or null list
    gives 1. DuckDB has no decimal product aggregate and exp(sum(ln(x))) is DOUBLE
    (DECISIONLOG D-003): the list is reduced instead. Give it a list in a fixed order
    (list(x order by ...) or an ordered window), so the rounding of each step is the same in
    every run. -#}
{% macro decimal_product(list_expression) -%}
    coalesce(
        list_reduce(
            list_filter({{ list_expression }}, lambda factor: factor is not null),
            lambda product_so_far, factor: cast(product_so_far * factor as decimal(38, 18)),
            cast(1 as decimal(38, 18))
        ),
        cast(1 as decimal(38, 18))
    )
{%- endmacro %}
