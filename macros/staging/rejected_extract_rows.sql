{#- The rows of one extract that break the contract, one row each with its reasons: the
    part of stg_extract_exceptions for that extract, read from its checked model. -#}
{% macro rejected_extract_rows(source_name, extract_name) -%}
    select
        '{{ source_name }}/{{ extract_name }}' as extract_name,
        source_row_number,
        row_key,
        exception_severity,
        exception_reason,
        raw_row_json
    from {{ ref('stg_' ~ source_name ~ '__' ~ extract_name ~ '_checked') }}
    where exception_severity is not null
{%- endmacro %}
