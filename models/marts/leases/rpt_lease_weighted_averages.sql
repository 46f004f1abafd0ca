-- One row per subsidiary per currency per classification (operating, finance) at the close
-- period: the lease liability, the weighted-average remaining lease term (years) and the
-- weighted-average discount rate (ASC 842-20-50-4(g)), both weighted by each lease's liability.
with
schedule as (select * from {{ ref('fct_lease_schedule') }}),

segments as (select * from {{ ref('int_lease_segments_prepared') }}),

at_close as (
    select
        schedule.lease_id,
        schedule.subsidiary_id,
        schedule.currency_code,
        schedule.classification,
        schedule.segment_number,
        schedule.liability_closing_amount
    from schedule
    where schedule.is_close_period and schedule.classification in ('operating', 'finance')
        and schedule.liability_closing_amount > 0
),

remaining as (
    select
        lease_id,
        max({{ infra_accounting.months_between(infra_accounting.close_period_month(), 'period_month') }})
            as remaining_months
    from schedule
    where is_after_close_period and payment_amount <> 0
    group by lease_id
),

weighted as (
    select
        at_close.*,
        segments.annual_rate,
        coalesce(remaining.remaining_months, 0) as remaining_months
    from at_close
    inner join segments
        on
            at_close.lease_id = segments.lease_id
            and at_close.segment_number = segments.segment_number
    left join remaining on at_close.lease_id = remaining.lease_id
),

final as (
    select
        subsidiary_id,
        currency_code,
        classification,
        {{ infra_accounting.close_period_month() }} as close_period_month,
        cast(count(*) as integer) as lease_count,
        cast(sum(liability_closing_amount) as decimal(18, 2)) as lease_liability_amount,
        {{ infra_accounting.rate('sum(liability_closing_amount * remaining_months / 12.0) / sum(liability_closing_amount)') }}
            as weighted_average_remaining_term_years,
        {{ infra_accounting.rate('sum(cast(liability_closing_amount as decimal(38, 10)) * annual_rate) / sum(liability_closing_amount)') }}
            as weighted_average_discount_rate
    from weighted
    group by subsidiary_id, currency_code, classification
)

select * from final
