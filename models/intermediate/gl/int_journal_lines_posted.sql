-- One row per journal line of a month already closed by `infra-close close` (the posted
-- history under var posted_history_dir), exactly as it was posted.
with
posted_history as (
    {{ infra_accounting.posted_journal_lines() }}
),

final as (
    select *
    from posted_history
    where period_month <= {{ infra_accounting.close_period_month() }}
)

select * from final
