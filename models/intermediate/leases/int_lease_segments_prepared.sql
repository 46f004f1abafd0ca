-- One row per lease per segment: segment 0 from commencement under the abstract's terms, then one
-- segment per applied modification from the month it takes effect, under the terms in force
-- after it (later modifications carry the earlier ones forward). An ROU impairment opens a
-- segment of its own under the terms in force (impairment_amount; the liability is unchanged).
with
leases as (
    select * from {{ ref('int_leases_validated') }}
    where is_measured
),

modifications as (
    select * from {{ ref('int_lease_modifications_validated') }}
    where is_applied
),

impairments as (
    select * from {{ ref('int_lease_impairments_validated') }}
    where is_applied
),

commencements as (
    select
        leases.lease_id,
        0 as segment_number,
        'commencement' as event_type,
        cast(null as varchar) as modification_id,
        leases.commencement_date as effective_date,
        0 as start_index,
        leases.end_date,
        leases.discount_rate,
        leases.base_payment as payment_base_amount,
        0 as payment_base_month_index,
        leases.purchase_option_price,
        leases.purchase_option_reasonably_certain,
        leases.residual_value_guarantee_amount,
        cast(0 as decimal(18, 8)) as scope_decrease_pct,
        cast(0 as decimal(18, 2)) as termination_payment,
        cast(0 as decimal(18, 2)) as impairment_amount
    from leases
),

modification_events as (
    select
        modifications.lease_id,
        modifications.modification_type as event_type,
        modifications.modification_id,
        modifications.effective_date,
        modifications.effective_month_index as start_index,
        case
            when modifications.modification_type in ('extension', 'term_reduction', 'termination')
                then modifications.new_end_date
        end as end_date,
        modifications.new_discount_rate as discount_rate,
        modifications.new_base_payment as payment_base_amount,
        case
            when modifications.new_base_payment is not null then modifications.effective_month_index
        end as payment_base_month_index,
        modifications.purchase_option_price,
        modifications.purchase_option_reasonably_certain,
        modifications.residual_value_guarantee_amount,
        coalesce(modifications.scope_decrease_pct, 0) as scope_decrease_pct,
        coalesce(modifications.termination_payment, 0) as termination_payment,
        cast(0 as decimal(18, 2)) as impairment_amount
    from modifications
),

impairment_events as (
    select
        impairments.lease_id,
        'impairment' as event_type,
        impairments.impairment_id as modification_id,
        impairments.impairment_date as effective_date,
        impairments.effective_month_index as start_index,
        cast(null as date) as end_date,
        cast(null as decimal(18, 8)) as discount_rate,
        cast(null as decimal(18, 2)) as payment_base_amount,
        cast(null as integer) as payment_base_month_index,
        cast(null as decimal(18, 2)) as purchase_option_price,
        cast(null as boolean) as purchase_option_reasonably_certain,
        cast(null as decimal(18, 2)) as residual_value_guarantee_amount,
        cast(0 as decimal(18, 8)) as scope_decrease_pct,
        cast(0 as decimal(18, 2)) as termination_payment,
        impairments.impairment_amount
    from impairments
),

change_events as (
    select * from modification_events
    union all by name
    select * from impairment_events
),

changes as (
    select
        change_events.lease_id,
        cast(row_number() over (
            partition by change_events.lease_id order by change_events.start_index, change_events.modification_id
        ) as integer) as segment_number,
        change_events.event_type,
        change_events.modification_id,
        change_events.effective_date,
        change_events.start_index,
        change_events.end_date,
        change_events.discount_rate,
        change_events.payment_base_amount,
        change_events.payment_base_month_index,
        change_events.purchase_option_price,
        change_events.purchase_option_reasonably_certain,
        change_events.residual_value_guarantee_amount,
        change_events.scope_decrease_pct,
        change_events.termination_payment,
        change_events.impairment_amount
    from change_events
),

events as (
    select * from commencements
    union all
    select * from changes
),

carried as (
    select
        events.lease_id,
        events.segment_number,
        events.event_type,
        events.modification_id,
        events.effective_date,
        events.start_index,
        events.scope_decrease_pct,
        events.termination_payment,
        events.impairment_amount,
        last_value(events.end_date ignore nulls) over lease_history as end_date,
        last_value(events.discount_rate ignore nulls) over lease_history as discount_rate,
        last_value(events.payment_base_amount ignore nulls) over lease_history as payment_base_amount,
        last_value(events.payment_base_month_index ignore nulls) over lease_history as payment_base_month_index,
        last_value(events.purchase_option_price ignore nulls) over lease_history as purchase_option_price,
        coalesce(
            last_value(events.purchase_option_reasonably_certain ignore nulls) over lease_history, false
        ) as purchase_option_reasonably_certain,
        coalesce(
            last_value(events.residual_value_guarantee_amount ignore nulls) over lease_history, 0
        ) as residual_value_guarantee_amount
    from events
    window lease_history as (
        partition by events.lease_id order by events.segment_number
        rows between unbounded preceding and current row
    )
),

final as (
    select
        carried.lease_id,
        carried.segment_number,
        carried.event_type,
        carried.modification_id,
        carried.effective_date,
        carried.start_index,
        case
            when carried.event_type = 'termination' then carried.start_index
            else {{ infra_accounting.months_between('leases.commencement_date', 'carried.end_date + interval 1 day') }}
                + leases.certain_renewal_months
        end as end_index,
        carried.end_date as segment_end_date,
        carried.discount_rate as annual_rate,
        leases.payments_per_year,
        leases.payment_timing,
        carried.payment_base_amount,
        carried.payment_base_month_index,
        carried.purchase_option_price,
        carried.purchase_option_reasonably_certain,
        carried.residual_value_guarantee_amount,
        case when carried.purchase_option_reasonably_certain then coalesce(carried.purchase_option_price, 0) else 0 end
        + carried.residual_value_guarantee_amount as end_of_term_amount,
        carried.scope_decrease_pct,
        carried.termination_payment,
        carried.impairment_amount,
        leases.transfers_ownership,
        leases.is_specialized_asset,
        leases.economic_life_months,
        leases.fair_value,
        leases.is_short_term_election,
        leases.initial_direct_costs,
        leases.lease_incentives,
        leases.prepaid_rent,
        lead(carried.start_index) over (
            partition by carried.lease_id order by carried.segment_number
        ) as next_start_index
    from carried
    inner join leases on carried.lease_id = leases.lease_id
)

select * from final
