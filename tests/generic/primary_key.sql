{#- The column is the model's key: present on every row and never on two rows - dbt's unique and
    not_null in one scan of the model, one control instead of two (DECISIONLOG C-013). Fails
    with one row per missing or repeated key value, saying which. -#}
{% test primary_key(model, column_name) %}
select
    {{ column_name }} as key_value,
    count(*) as row_count,
    case
        when {{ column_name }} is null then count(*) || ' row(s) without a {{ column_name }}'
        else count(*) || ' rows with the same {{ column_name }}: it must identify one row'
    end as failure_reason
from {{ model }}
group by {{ column_name }}
having {{ column_name }} is null or count(*) > 1
{% endtest %}
