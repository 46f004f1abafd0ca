-- One row per subsidiary per currency per classification (operating, finance) per month up to
-- the close period: opening liability + commencements + remeasurements - derecognitions +
-- reclassifications + interest - payments = closing, with the current / non-current split.
with
balances as (
    select * from {{ ref('int_lease_balances_classified') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

final as (
    select
        subsidiary_id,
        currency_code,
        classification,
        period_month,
        cast(sum(liability_opening_amount) as decimal(18, 2)) as opening_liability_amount,
        cast(sum(liability_commencement_amount) as decimal(18, 2)) as commencement_amount,
        cast(sum(liability_remeasurement_amount) as decimal(18, 2)) as remeasurement_amount,
        cast(-sum(liability_derecognized_amount) as decimal(18, 2)) as derecognition_amount,
        cast(sum(liability_transfer_amount) as decimal(18, 2)) as reclassification_amount,
        cast(sum(interest_amount) as decimal(18, 2)) as interest_amount,
        cast(-sum(payment_amount) as decimal(18, 2)) as payment_amount,
        cast(sum(liability_closing_amount) as decimal(18, 2)) as closing_liability_amount,
        cast(sum(liability_current_amount) as decimal(18, 2)) as current_liability_amount,
        cast(sum(liability_noncurrent_amount) as decimal(18, 2)) as noncurrent_liability_amount,
        cast(count(distinct case when liability_closing_amount <> 0 then lease_id end) as integer) as lease_count
    from balances
    group by subsidiary_id, currency_code, classification, period_month
)

select * from final
