{#- Control: the sum of a column equals the sum of a column of another model, per group,
    within a tolerance. Null-safe: a full outer join with coalesce(.., 0), so a group
    present on one side only fails instead of disappearing. Fails with one row per group
    that does not tie, showing both sums and the difference. -#}
{% test equal_sums(model, column_name, compare_model, compare_column, group_by=[], compare_group_by=none, tolerance=0, where_clause='1 = 1', compare_where_clause='1 = 1') %}
{%- set compare_groups = compare_group_by if compare_group_by is not none else group_by -%}
with
model_sums as (
    select
        {% for column in group_by %}{{ column }} as group_{{ loop.index }},{% endfor %}
        coalesce(sum({{ column_name }}), 0) as model_sum
    from {{ model }}
    where {{ where_clause }}
    {% if group_by %}group by {% for column in group_by %}{{ column }}{{ ',' if not loop.last }}{% endfor %}{% endif %}
),

compare_sums as (
    select
        {% for column in compare_groups %}{{ column }} as group_{{ loop.index }},{% endfor %}
        coalesce(sum({{ compare_column }}), 0) as compare_sum
    from {{ compare_model }}
    where {{ compare_where_clause }}
    {% if compare_groups %}group by {% for column in compare_groups %}{{ column }}{{ ',' if not loop.last }}{% endfor %}{% endif %}
),

compared as (
    select
        {% for column in group_by %}coalesce(model_sums.group_{{ loop.index }}, compare_sums.group_{{ loop.index }}) as {{ column | replace('.', '_') }},{% endfor %}
        coalesce(model_sums.model_sum, 0) as model_sum,
        coalesce(compare_sums.compare_sum, 0) as compare_sum,
        coalesce(model_sums.model_sum, 0) - coalesce(compare_sums.compare_sum, 0) as difference
    from model_sums
    full outer join compare_sums
        on {% if group_by %}{% for column in group_by %}model_sums.group_{{ loop.index }} is not distinct from compare_sums.group_{{ loop.index }}{{ ' and ' if not loop.last }}{% endfor %}{% else %}true{% endif %}
)

select * from compared
where abs(difference) > {{ tolerance }}
{% endtest %}
