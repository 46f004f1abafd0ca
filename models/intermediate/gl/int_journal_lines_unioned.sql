-- One row per proposed journal line of every subledger (fixed assets, leases, revenue, and the
-- GL area's FX revaluation) for
-- every month up to the close period, recomputed from today's inputs, in one column shape.
{%- set journal_line_models = [
    'int_fixed_asset_journal_lines', 'int_lease_journal_lines', 'int_revenue_journal_lines', 'int_gl_journal_lines',
] %}
with
no_lines as (
    select
        cast(null as varchar) as journal_id,
        cast(null as integer) as journal_line_number,
        cast(null as varchar) as subsidiary_id,
        cast(null as date) as period_month,
        cast(null as date) as posting_date,
        cast(null as varchar) as account_number,
        cast(null as decimal(18, 2)) as debit_amount,
        cast(null as decimal(18, 2)) as credit_amount,
        cast(null as varchar) as currency_code,
        cast(null as varchar) as journal_type,
        cast(null as varchar) as source_area,
        cast(null as varchar) as source_document_id,
        cast(null as varchar) as memo
    where false
),

unioned as (
    select * from no_lines
    {% for journal_line_model in journal_line_models %}
        union all
        select
            cast(journal_id as varchar) as journal_id,
            cast(journal_line_number as integer) as journal_line_number,
            cast(subsidiary_id as varchar) as subsidiary_id,
            cast(period_month as date) as period_month,
            cast(posting_date as date) as posting_date,
            cast(account_number as varchar) as account_number,
            cast(debit_amount as decimal(18, 2)) as debit_amount,
            cast(credit_amount as decimal(18, 2)) as credit_amount,
            cast(currency_code as varchar) as currency_code,
            cast(journal_type as varchar) as journal_type,
            cast(source_area as varchar) as source_area,
            cast(source_document_id as varchar) as source_document_id,
            cast(memo as varchar) as memo
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
