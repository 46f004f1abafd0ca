-- One row per proposed journal line of every subledger (fixed assets, leases, revenue, and the
-- GL area's FX revaluation) for
-- every month up to the close period, recomputed from today's inputs, in one column shape.
{%- set journal_line_models = [
    'int_fixed_asset_journal_lines', 'int_lease_journal_lines', 'int_revenue_journal_lines', 'int_gl_journal_lines',
] %}
with
no_lines as (
    select {{ infra_accounting.journal_line_columns(null_values=true) }}
    where false
),

unioned as (
    select * from no_lines
    {% for journal_line_model in journal_line_models %}
        union all
        select {{ infra_accounting.journal_line_columns() }}
        from {{ ref(journal_line_model) }}
    {% endfor %}
),

final as (
    select *
    from unioned
    where
        period_month <= {{ infra_accounting.close_period_month() }}
        and (coalesce(debit_amount, 0) <> 0 or coalesce(credit_amount, 0) <> 0)
)

select * from final
