-- One row per lease per month per classification it was carried in that month: the schedule's
-- movements, plus the balances transferred in or out when a modification reclassifies the lease
-- (operating <-> finance), so that roll-forwards by classification tie.
with
schedule as (
    select * from {{ ref('fct_lease_schedule') }}
    where classification in ('operating', 'finance')
),

with_previous as (
    select
        schedule.*,
        lag(schedule.classification) over (
            partition by schedule.lease_id order by schedule.period_month
        ) as previous_classification
    from schedule
),

current_class as (
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        classification,
        case when previous_classification = classification then liability_opening_amount else 0 end
            as liability_opening_amount,
        case when previous_classification <> classification then liability_opening_amount else 0 end
            as liability_transfer_amount,
        liability_commencement_amount,
        liability_remeasurement_amount,
        liability_derecognized_amount,
        interest_amount,
        payment_amount,
        liability_closing_amount,
        liability_current_amount,
        liability_noncurrent_amount,
        case when previous_classification = classification then rou_opening_amount else 0 end as rou_opening_amount,
        case when previous_classification <> classification then rou_opening_amount else 0 end as rou_transfer_amount,
        rou_commencement_amount,
        rou_remeasurement_amount,
        rou_derecognized_amount,
        rou_impairment_amount,
        rou_amortization_amount,
        rou_closing_amount
    from with_previous
),

transferred_out as (
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        previous_classification as classification,
        liability_opening_amount,
        -liability_opening_amount as liability_transfer_amount,
        cast(0 as decimal(18, 2)) as liability_commencement_amount,
        cast(0 as decimal(18, 2)) as liability_remeasurement_amount,
        cast(0 as decimal(18, 2)) as liability_derecognized_amount,
        cast(0 as decimal(18, 2)) as interest_amount,
        cast(0 as decimal(18, 2)) as payment_amount,
        cast(0 as decimal(18, 2)) as liability_closing_amount,
        cast(0 as decimal(18, 2)) as liability_current_amount,
        cast(0 as decimal(18, 2)) as liability_noncurrent_amount,
        rou_opening_amount,
        -rou_opening_amount as rou_transfer_amount,
        cast(0 as decimal(18, 2)) as rou_commencement_amount,
        cast(0 as decimal(18, 2)) as rou_remeasurement_amount,
        cast(0 as decimal(18, 2)) as rou_derecognized_amount,
        cast(0 as decimal(18, 2)) as rou_impairment_amount,
        cast(0 as decimal(18, 2)) as rou_amortization_amount,
        cast(0 as decimal(18, 2)) as rou_closing_amount
    from with_previous
    where previous_classification <> classification
),

final as (
    select * from current_class
    union all
    select * from transferred_out
)

select * from final
