{#- Control: every row of the extract met the contract. Fails with one row per rejected raw
    row: the extract, the row's key and line number, and the reasons an accountant can act on. -#}
{% test extract_has_no_exceptions(model, extract_name) %}
select
    extract_name,
    source_row_number,
    row_key,
    exception_reason,
    raw_row_json
from {{ ref('stg_extract_exceptions') }}
where extract_name = '{{ extract_name }}'
    and exception_severity = 'error'
{% endtest %}
