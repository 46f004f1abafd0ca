-- One row per subsidiary, source area, journal type, document, account and closed month
-- whose figure changed after the month was closed: what was posted, what today's inputs
-- give, and the catch-up booked in the close month (the closed month is not reopened).
with
caught_up as (select * from {{ ref('int_journal_lines_caught_up') }}),

final as (
    select
        subsidiary_id,
        source_area,
        journal_type,
        source_document_id,
        account_number,
        currency_code,
        original_period_month,
        {{ infra_accounting.close_period_month() }} as catch_up_period_month,
        posted_net_amount,
        recomputed_net_amount,
        adjustment_net_amount,
        'Input changed after ' || strftime(original_period_month, '%Y-%m') || ' was closed: '
        || journal_type || ' of ' || coalesce(source_document_id, 'no document')
        || ' recomputes to ' || recomputed_net_amount || ' (posted ' || posted_net_amount
        || '); the difference is booked in ' || strftime({{ infra_accounting.close_period_month() }}, '%Y-%m')
        || ' as a catch-up (ASC 250-10-45-17 change in estimate / out-of-period correction, closed month unchanged)'
            as cause
    from caught_up
)

select * from final
