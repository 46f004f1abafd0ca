-- One row per subsidiary, source area, journal type, source document and account whose
-- recomputed journal amount for a month already closed (posted history) differs from what
-- was posted: the prior-period difference, booked as a catch-up in the close month.
with
recomputed_lines as (select * from {{ ref('int_journal_lines_unioned') }}),

posted_lines as (select * from {{ ref('int_journal_lines_posted') }}),

posted_months as (
    select distinct period_month
    from posted_lines
),

recomputed_in_posted_months as (
    select
        recomputed_lines.subsidiary_id,
        recomputed_lines.source_area,
        recomputed_lines.journal_type,
        recomputed_lines.source_document_id,
        recomputed_lines.account_number,
        recomputed_lines.currency_code,
        recomputed_lines.period_month,
        sum(recomputed_lines.debit_amount - recomputed_lines.credit_amount) as net_amount
    from recomputed_lines
    inner join posted_months
        on recomputed_lines.period_month = posted_months.period_month
    where recomputed_lines.period_month < {{ infra_accounting.close_period_month() }}
    group by all
),

posted_amounts as (
    select
        subsidiary_id,
        source_area,
        journal_type,
        source_document_id,
        account_number,
        currency_code,
        period_month,
        sum(debit_amount - credit_amount) as net_amount
    from posted_lines
    where period_month < {{ infra_accounting.close_period_month() }}
    group by all
),

compared as (
    select
        coalesce(recomputed.subsidiary_id, posted.subsidiary_id) as subsidiary_id,
        coalesce(recomputed.source_area, posted.source_area) as source_area,
        coalesce(recomputed.journal_type, posted.journal_type) as journal_type,
        coalesce(recomputed.source_document_id, posted.source_document_id) as source_document_id,
        coalesce(recomputed.account_number, posted.account_number) as account_number,
        coalesce(recomputed.currency_code, posted.currency_code) as currency_code,
        coalesce(recomputed.period_month, posted.period_month) as original_period_month,
        coalesce(posted.net_amount, 0) as posted_net_amount,
        coalesce(recomputed.net_amount, 0) as recomputed_net_amount,
        coalesce(recomputed.net_amount, 0) - coalesce(posted.net_amount, 0) as adjustment_net_amount
    from recomputed_in_posted_months as recomputed
    full outer join posted_amounts as posted
        on
            recomputed.subsidiary_id = posted.subsidiary_id
            and recomputed.source_area = posted.source_area
            and recomputed.journal_type = posted.journal_type
            and recomputed.source_document_id is not distinct from posted.source_document_id
            and recomputed.account_number = posted.account_number
            and recomputed.currency_code = posted.currency_code
            and recomputed.period_month = posted.period_month
),

final as (
    select
        subsidiary_id,
        source_area,
        journal_type,
        source_document_id,
        account_number,
        currency_code,
        original_period_month,
        {{ infra_accounting.money('posted_net_amount') }} as posted_net_amount,
        {{ infra_accounting.money('recomputed_net_amount') }} as recomputed_net_amount,
        {{ infra_accounting.money('adjustment_net_amount') }} as adjustment_net_amount
    from compared
    where adjustment_net_amount <> 0
)

select * from final
