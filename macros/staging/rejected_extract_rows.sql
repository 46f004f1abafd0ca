{#- The rows of one extract that break the contract, one row each with its reasons: the
    part of stg_extract_exceptions for that extract. -#}
{% macro rejected_extract_rows(source_name, extract_name) -%}
    {%- set spec = infra_accounting.extract_contract()[source_name ~ '__' ~ extract_name] -%}
    select
        '{{ source_name }}/{{ extract_name }}' as extract_name,
        source_row_number,
        row_key,
        case when len(error_reasons) > 0 then 'error' else 'warn' end as exception_severity,
        array_to_string(list_concat(error_reasons, warning_reasons), '; ') as exception_reason,
        to_json(struct_pack(
            {%- for column_name in spec.columns %}
            {{ column_name }} := raw__{{ column_name }}{{ ',' if not loop.last }}
            {%- endfor %}
        )) as raw_row_json
    from (
        with
        {{ infra_accounting.validated_extract(source_name, extract_name) }}
        select * from checked_rows
    ) as checked
    where len(error_reasons) > 0 or len(warning_reasons) > 0
{%- endmacro %}
