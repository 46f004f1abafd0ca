{#- The rows of one extract that meet the contract, typed: the body of its staging model. -#}
{% macro staged_extract(source_name, extract_name) -%}
    {%- set spec = infra_accounting.extract_contract()[source_name ~ '__' ~ extract_name] -%}
with
{{ infra_accounting.validated_extract(source_name, extract_name) }},

final as (
    select
        {%- for column_name in spec.columns %}
        {{ column_name }},
        {%- endfor %}
        source_row_number
    from checked_rows
    where len(error_reasons) = 0 and len(warning_reasons) = 0
)

select * from final
{%- endmacro %}
