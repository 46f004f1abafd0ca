{#- Cast one raw text value to the contract type; an unparseable value becomes null (and the
    validation flags it, because the raw text was not empty). -#}
{% macro cast_extract_value(raw_expression, column_type) -%}
    {%- if column_type == 'date' -%}
        try_cast({{ raw_expression }} as date)
    {%- elif column_type == 'money' -%}
        try_cast(replace({{ raw_expression }}, ',', '') as decimal(18, 2))
    {%- elif column_type == 'rate' -%}
        try_cast(replace({{ raw_expression }}, ',', '') as decimal(18, 8))
    {%- elif column_type == 'quantity' -%}
        try_cast(replace({{ raw_expression }}, ',', '') as decimal(18, 4))
    {%- elif column_type == 'integer' -%}
        try_cast({{ raw_expression }} as integer)
    {%- elif column_type == 'boolean' -%}
        case
            when lower({{ raw_expression }}) in ('true', 't', 'yes', 'y', '1') then true
            when lower({{ raw_expression }}) in ('false', 'f', 'no', 'n', '0') then false
        end
    {%- elif column_type in ('currency', 'currency_format') -%}
        upper({{ raw_expression }})
    {%- else -%}
        {{ raw_expression }}
    {%- endif -%}
{%- endmacro %}
