{#- The config of a model incremental by period_month (the fixed-asset ledger, journal and
    roll-forwards): appended to, after its pre-hook deleted the months the run recomputes
    (delete_recomputed_months). The model reads its input through recomputed_months_filter(). -#}
{% macro incremental_by_period_month() -%}
    {{- infra_accounting.incremental_appended_after_delete(
        "{{ infra_accounting.delete_recomputed_months('period_month') }}",
        "{{ infra_accounting.record_first_month_written(infra_accounting.incremental_recompute_month('period_month')) }}"
    ) -}}
{%- endmacro %}

{#- The where clause of an incremental_by_period_month model's input: in an incremental run,
    the rows from incremental_recompute_month() on (month_expression: the input's month, as
    a date); nothing in a full build. -#}
{% macro recomputed_months_filter(month_expression='period_month') -%}
    {%- if is_incremental() -%}
        where {{ month_expression }} >= {{ infra_accounting.incremental_recompute_month('period_month') }}
    {%- endif -%}
{%- endmacro %}
