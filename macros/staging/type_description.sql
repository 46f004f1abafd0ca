{#- How a contract type is written in an accountant-facing message. -#}
{% macro type_description(column_type) -%}
    {%- set descriptions = {
        'date': 'a date (YYYY-MM-DD)',
        'money': 'an amount (digits with at most 2 decimals, e.g. 1234.56)',
        'rate': 'a number (e.g. 0.05)',
        'quantity': 'a quantity (e.g. 12.5)',
        'integer': 'a whole number',
        'boolean': 'true or false',
        'currency': 'a currency code with FX rates (e.g. USD)',
        'currency_format': 'a 3-letter currency code (e.g. USD)',
    } -%}
    {{- descriptions.get(column_type, 'text') -}}
{%- endmacro %}
