-- One row per subsidiary, source area, journal type, document, account and closed month
-- whose figure changed after the month was closed: what was posted, what today's inputs
-- give, and the catch-up booked in the close month (the closed month is not reopened),
-- with the cause: the input behind the document that changed where the data shows it
-- (late usage received after the month, a lease modification effective in or before it,
-- an asset event or in-service date in it), otherwise the extracts to look at.
with
caught_up as (select * from {{ ref('int_journal_lines_caught_up') }}),

-- only usage received after its month (the join's condition, as a filter that reaches the scan)
rated_usage as (
    select * from {{ ref('fct_rated_usage') }}
    where received_date > last_day(usage_date)
),

lease_modifications as (select * from {{ ref('stg_leases__lease_modifications') }}),

revenue_documents as (
    select distinct
        source_document_id,
        original_period_month
    from caught_up
    where source_area = 'revenue'
),

lease_documents as (
    select distinct
        source_document_id,
        original_period_month
    from caught_up
    where source_area = 'leases'
),

late_usage as (
    select
        revenue_documents.source_document_id,
        revenue_documents.original_period_month,
        count(*) as usage_row_count,
        sum(rated_usage.quantity) as usage_quantity,
        max(rated_usage.received_date) as last_received_date
    from revenue_documents
    inner join rated_usage
        on
            revenue_documents.source_document_id = rated_usage.contract_id
            and revenue_documents.original_period_month = rated_usage.period_month
    where rated_usage.received_date > last_day(revenue_documents.original_period_month)
    group by all
),

modifications as (
    select
        lease_documents.source_document_id,
        lease_documents.original_period_month,
        string_agg(
            lease_modifications.modification_id || ' (' || lease_modifications.modification_type || ', effective '
            || strftime(lease_modifications.effective_date, '%Y-%m-%d') || ')', ', '
            order by lease_modifications.effective_date
        ) as modification_list
    from lease_documents
    inner join lease_modifications
        on
            lease_documents.source_document_id = lease_modifications.lease_id
            and lease_modifications.effective_date <= last_day(lease_documents.original_period_month)
    group by all
),

final as (
    select
        caught_up.subsidiary_id,
        caught_up.source_area,
        caught_up.journal_type,
        caught_up.source_document_id,
        caught_up.account_number,
        caught_up.currency_code,
        caught_up.original_period_month,
        {{ infra_accounting.close_period_month() }} as catch_up_period_month,
        caught_up.posted_net_amount,
        caught_up.recomputed_net_amount,
        caught_up.adjustment_net_amount,
        'Input changed after ' || strftime(caught_up.original_period_month, '%Y-%m') || ' was closed: '
        || case
            when late_usage.source_document_id is not null
                then 'late usage of ' || caught_up.source_document_id || ' for ' || strftime(caught_up.original_period_month, '%Y-%m')
                    || ' received after the month (' || late_usage.usage_row_count || ' metering rows, quantity '
                    || late_usage.usage_quantity || ', last received ' || strftime(late_usage.last_received_date, '%Y-%m-%d') || ')'
            when modifications.source_document_id is not null
                then 'lease ' || caught_up.source_document_id || ' modification(s) ' || modifications.modification_list
            when caught_up.source_area = 'revenue'
                then 'contract, rate, usage or invoice extracts of ' || coalesce(caught_up.source_document_id, 'no document')
            when caught_up.source_area = 'leases'
                then 'lease abstract or payment schedule of ' || coalesce(caught_up.source_document_id, 'no document')
            when caught_up.source_area = 'fixed_assets'
                then 'asset register, asset events or capital project milestones behind '
                    || coalesce(caught_up.source_document_id, 'no document')
            else 'inputs of ' || coalesce(caught_up.source_document_id, 'no document')
        end
        || '; ' || caught_up.journal_type || ' recomputes to ' || caught_up.recomputed_net_amount
        || ' (posted ' || caught_up.posted_net_amount || '); the difference is booked in '
        || strftime({{ infra_accounting.close_period_month() }}, '%Y-%m')
        || ' as a catch-up (ASC 250-10-45-17 change in estimate / out-of-period correction, closed month unchanged)'
            as cause
    from caught_up
    left join late_usage
        on
            caught_up.source_document_id = late_usage.source_document_id
            and caught_up.original_period_month = late_usage.original_period_month
            and caught_up.source_area = 'revenue'
    left join modifications
        on
            caught_up.source_document_id = modifications.source_document_id
            and caught_up.original_period_month = modifications.original_period_month
            and caught_up.source_area = 'leases'
)

select * from final
