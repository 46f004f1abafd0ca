{#- A roll-forward's month spine: one row per key (e.g. subsidiary and currency) per month
    from the key's first month of activity through the last month of `periods_relation`,
    with the month's activity amounts (0 where the month has none) and is_close_period.
    Returns a select statement; use it as the body of a CTE:
        filled as ({{ infra_accounting.fill_month_spine('activity', 'periods',
            ['subsidiary_id', 'currency_code'], ['billings_amount', 'revenue_amount']) }})
    `activity_relation` has the key columns, period_month and the amount columns, one row per
    key per month; `periods_relation` has period_month and is_close_period. -#}
{% macro fill_month_spine(activity_relation, periods_relation, key_columns, amount_columns) -%}
    {{ return(adapter.dispatch('fill_month_spine', 'infra_accounting')(activity_relation, periods_relation, key_columns, amount_columns)) }}
{%- endmacro %}

{% macro default__fill_month_spine(activity_relation, periods_relation, key_columns, amount_columns) -%}
    with
    balance_keys as (
        select
            {%- for key_column in key_columns %}
            {{ key_column }},
            {%- endfor %}
            min(period_month) as first_month
        from {{ activity_relation }}
        group by {{ key_columns | join(', ') }}
    ),

    spine as (
        select
            {%- for key_column in key_columns %}
            balance_keys.{{ key_column }},
            {%- endfor %}
            spine_periods.period_month,
            spine_periods.is_close_period
        from balance_keys
        inner join {{ periods_relation }} as spine_periods on balance_keys.first_month <= spine_periods.period_month
    )

    select
        spine.*,
        {%- for amount_column in amount_columns %}
        coalesce(spine_activity.{{ amount_column }}, 0) as {{ amount_column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from spine
    left join {{ activity_relation }} as spine_activity
        on
            {%- for key_column in key_columns %}
            spine.{{ key_column }} = spine_activity.{{ key_column }} and
            {%- endfor %}
            spine.period_month = spine_activity.period_month
{%- endmacro %}
