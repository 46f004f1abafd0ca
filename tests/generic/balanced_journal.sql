{#- Control: debits equal credits per journal (and per any other grouping, e.g. entity).
    Fails with one row per unbalanced journal and its difference. -#}
{% test balanced_journal(model, debit_column, credit_column, group_by) %}
select
    {{ group_by | join(', ') }},
    sum(coalesce({{ debit_column }}, 0)) as total_debit,
    sum(coalesce({{ credit_column }}, 0)) as total_credit,
    sum(coalesce({{ debit_column }}, 0)) - sum(coalesce({{ credit_column }}, 0)) as difference
from {{ model }}
group by {{ group_by | join(', ') }}
having sum(coalesce({{ debit_column }}, 0)) <> sum(coalesce({{ credit_column }}, 0))
{% endtest %}
