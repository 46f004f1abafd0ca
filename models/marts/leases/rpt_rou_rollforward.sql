-- One row per subsidiary per currency per classification (operating, finance) per month up to
-- the close period: opening ROU asset + commencements + remeasurements - derecognitions +
-- reclassifications - impairment - amortization = closing.
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
        cast(sum(rou_opening_amount) as decimal(18, 2)) as opening_rou_amount,
        cast(sum(rou_commencement_amount) as decimal(18, 2)) as commencement_amount,
        cast(sum(rou_remeasurement_amount) as decimal(18, 2)) as remeasurement_amount,
        cast(-sum(rou_derecognized_amount) as decimal(18, 2)) as derecognition_amount,
        cast(sum(rou_transfer_amount) as decimal(18, 2)) as reclassification_amount,
        cast(-sum(rou_impairment_amount) as decimal(18, 2)) as impairment_amount,
        cast(-sum(rou_amortization_amount) as decimal(18, 2)) as amortization_amount,
        cast(sum(rou_closing_amount) as decimal(18, 2)) as closing_rou_amount,
        cast(count(distinct case when rou_closing_amount <> 0 then lease_id end) as integer) as lease_count
    from balances
    group by subsidiary_id, currency_code, classification, period_month
)

select * from final
