{#- A left join to the month's FX rate from a document's currency into its entity's
    functional currency: `fx_rates` (dim_fx_rates_monthly) on the month of `date_expression`,
    from `currency_expression`, to `functional_currency_expression`. The caller picks the
    rate column (average_rate, period_end_rate) and the fallback when no rate matches. -#}
{% macro join_functional_fx_rate(
    date_expression,
    currency_expression,
    functional_currency_expression='subsidiaries.functional_currency_code',
    fx_rates_relation='fx_rates'
) -%}
    {{ return(adapter.dispatch('join_functional_fx_rate', 'infra_accounting')(
        date_expression, currency_expression, functional_currency_expression, fx_rates_relation
    )) }}
{%- endmacro %}

{% macro default__join_functional_fx_rate(
    date_expression, currency_expression, functional_currency_expression, fx_rates_relation
) -%}
    left join {{ fx_rates_relation }}
        on
            {{ infra_accounting.month_start(date_expression) }} = {{ fx_rates_relation }}.period_month
            and {{ currency_expression }} = {{ fx_rates_relation }}.from_currency
            and {{ functional_currency_expression }} = {{ fx_rates_relation }}.to_currency
{%- endmacro %}
