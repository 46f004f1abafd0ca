{#- Control: a roll-forward ties. Per row, opening + the activity columns = closing; per
    partition, each period's opening = the previous period's closing (the first period's
    opening is not checked against anything). Fails with each row that breaks either rule. -#}
{% test rollforward_ties(model, opening_column, activity_columns, closing_column, partition_by, order_by) %}
with
checked as (
    select
        {{ partition_by | join(', ') }},
        {{ order_by }} as period_key,
        {{ opening_column }} as opening_amount,
        {{ closing_column }} as closing_amount,
        {{ opening_column }}{% for column in activity_columns %} + coalesce({{ column }}, 0){% endfor %} - {{ closing_column }} as activity_difference,
        lag({{ closing_column }}) over (
            partition by {{ partition_by | join(', ') }} order by {{ order_by }}
        ) as previous_closing_amount
    from {{ model }}
)

select
    *,
    case
        when activity_difference <> 0 then 'opening + activity <> closing'
        else 'opening <> previous closing'
    end as failure_reason
from checked
where activity_difference <> 0
    or (previous_closing_amount is not null and opening_amount <> previous_closing_amount)
{% endtest %}
