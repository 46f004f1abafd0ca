-- One row per journal line proposed for the close month: every subledger's entries, plus
-- the catch-up of differences found in months already closed. A close month that is in
-- the posted history is read back exactly as posted.
with
recomputed_lines as (select * from {{ ref('int_journal_lines_unioned') }}),

posted_lines as (select * from {{ ref('int_journal_lines_posted') }}),

caught_up as (select * from {{ ref('int_journal_lines_caught_up') }}),

close_month_posted as (
    select count(*) > 0 as is_posted
    from posted_lines
    where period_month = {{ infra_accounting.close_period_month() }}
),

posted_close_month_lines as (
    select
        posted_lines.*,
        cast(null as date) as original_period_month
    from posted_lines
    where posted_lines.period_month = {{ infra_accounting.close_period_month() }}
),

recomputed_close_month_lines as (
    select
        recomputed_lines.*,
        cast(null as date) as original_period_month
    from recomputed_lines
    cross join close_month_posted
    where
        recomputed_lines.period_month = {{ infra_accounting.close_period_month() }}
        and not close_month_posted.is_posted
),

catch_up_lines as (
    select
        'PPA-' || upper(caught_up.source_area) || '-' || caught_up.subsidiary_id || '-'
        || strftime({{ infra_accounting.close_period_month() }}, '%Y-%m') as journal_id,
        cast(
            row_number() over (
                partition by caught_up.source_area, caught_up.subsidiary_id
                order by
                    caught_up.original_period_month, caught_up.journal_type,
                    caught_up.source_document_id, caught_up.account_number
            ) as integer
        ) as journal_line_number,
        caught_up.subsidiary_id,
        {{ infra_accounting.close_period_month() }} as period_month,
        last_day({{ infra_accounting.close_period_month() }}) as posting_date,
        caught_up.account_number,
        greatest(caught_up.adjustment_net_amount, 0) as debit_amount,
        greatest(-caught_up.adjustment_net_amount, 0) as credit_amount,
        caught_up.currency_code,
        'prior_period_catch_up' as journal_type,
        caught_up.source_area,
        caught_up.source_document_id,
        'Catch-up of ' || caught_up.journal_type || ' ' || coalesce(caught_up.source_document_id, '')
        || ' for closed ' || strftime(caught_up.original_period_month, '%Y-%m')
        || ': posted ' || caught_up.posted_net_amount || ', recomputed ' || caught_up.recomputed_net_amount
        || ' after an input change; closed month left unchanged' as memo,
        caught_up.original_period_month
    from caught_up
    cross join close_month_posted
    where not close_month_posted.is_posted
),

combined as (
    select * from posted_close_month_lines
    union all by name
    select * from recomputed_close_month_lines
    union all by name
    select * from catch_up_lines
),

final as (
    select
        journal_id,
        journal_line_number,
        subsidiary_id,
        period_month,
        posting_date,
        account_number,
        cast(debit_amount as decimal(18, 2)) as debit_amount,
        cast(credit_amount as decimal(18, 2)) as credit_amount,
        currency_code,
        journal_type,
        source_area,
        source_document_id,
        memo,
        original_period_month,
        original_period_month is not null as is_prior_period_catch_up
    from combined
)

select * from final
