{#- The rows of one extract that meet the contract, typed: the body of its staging model, a
    view of the extract's checked model (checked_extract), which validated every row once. -#}
{% macro staged_extract(source_name, extract_name) -%}
    {%- set spec = infra_accounting.extract_contract()[source_name ~ '__' ~ extract_name] -%}
    {{- config(materialized='view') -}}
    {#- The delivery checks of the file (present, not empty, UTF-8, required columns) also
        stop this model, so selecting it alone names a broken extract as before. -#}
    {%- do infra_accounting.extract_relation(source_name, extract_name, with_ordinal=false) -%}
with
final as (
    select
        {%- for column_name in spec.columns %}
        {{ column_name }},
        {%- endfor %}
        source_row_number
    from {{ ref('stg_' ~ source_name ~ '__' ~ extract_name ~ '_checked') }}
    where exception_severity is null
)

select * from final
{%- endmacro %}
