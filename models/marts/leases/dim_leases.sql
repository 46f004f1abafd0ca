-- One row per lease in the population (lease abstracts and embedded leases found in service
-- contracts): terms, the five ASC 842-10-25-2 classification criteria evaluated at commencement,
-- the classification at commencement and at the close period, and the measurement.
with
leases as (select * from {{ ref('int_leases_validated') }}),

segments as (select * from {{ ref('int_lease_segments_measured') }}),

prepared as (select * from {{ ref('int_lease_segments_prepared') }}),

lease_policy as (
    select * from {{ ref('stg_policy__lease_policy') }}
    where policy_id = 'default'
),

at_commencement as (
    select * from segments
    where segment_number = 0
),

in_force as (
    -- the last segment that started on or before the close period
    select
        segments.lease_id,
        segments.classification,
        segments.event_type,
        prepared.annual_rate,
        prepared.segment_end_date,
        row_number() over (partition by segments.lease_id order by segments.segment_number desc) as recency
    from segments
    inner join prepared
        on
            segments.lease_id = prepared.lease_id
            and segments.segment_number = prepared.segment_number
    inner join leases on segments.lease_id = leases.lease_id
    where {{ infra_accounting.add_months('leases.commencement_month', 'segments.start_index') }}
        <= {{ infra_accounting.close_period_month() }}
),

final as (
    select
        leases.lease_id,
        leases.lease_source,
        leases.subsidiary_id,
        leases.lessor_name,
        leases.asset_type,
        leases.description,
        leases.currency_code,
        leases.commencement_date,
        leases.end_date,
        leases.lease_term_end_date,
        cast(leases.noncancellable_term_months as integer) as noncancellable_term_months,
        cast(leases.certain_renewal_months as integer) as renewal_months_reasonably_certain,
        cast(leases.lease_term_months as integer) as lease_term_months,
        leases.payment_frequency,
        leases.payment_timing,
        {{ infra_accounting.rate('leases.discount_rate') }} as discount_rate,
        leases.fair_value,
        cast(leases.economic_life_months as integer) as economic_life_months,
        leases.combine_non_lease_components,
        leases.has_explicit_schedule,
        leases.is_short_term_election,
        coalesce(at_commencement.is_ownership_transfer_met, false) as is_ownership_transfer_met,
        coalesce(at_commencement.is_purchase_option_met, false) as is_purchase_option_met,
        coalesce(at_commencement.is_major_part_of_economic_life_met, false) as is_major_part_of_economic_life_met,
        {{ infra_accounting.rate('at_commencement.term_to_economic_life_pct') }} as term_to_economic_life_pct,
        lease_policy.major_part_economic_life_pct,
        coalesce(at_commencement.is_substantially_all_fair_value_met, false) as is_substantially_all_fair_value_met,
        {{ infra_accounting.rate('at_commencement.present_value_to_fair_value_pct') }} as present_value_to_fair_value_pct,
        lease_policy.substantially_all_fair_value_pct,
        coalesce(at_commencement.is_specialized_asset_met, false) as is_specialized_asset_met,
        coalesce(at_commencement.classification, 'not_measured') as classification_at_commencement,
        coalesce(in_force.classification, 'not_commenced') as classification,
        case
            when not leases.is_measured then 'not_measured'
            when in_force.lease_id is null then 'not_commenced'
            when in_force.event_type = 'termination' then 'terminated'
            when leases.lease_term_end_date < {{ infra_accounting.close_period_month() }} then 'expired'
            else 'active'
        end as lease_status,
        {{ infra_accounting.rate('in_force.annual_rate') }} as discount_rate_in_force,
        {{ infra_accounting.money('coalesce(at_commencement.liability_start_amount, 0)') }} as initial_liability_amount,
        {{ infra_accounting.money('coalesce(at_commencement.rou_start_amount, 0)') }} as initial_rou_amount,
        leases.is_measured,
        leases.error_reason,
        leases.warning_reason
    from leases
    cross join lease_policy
    left join at_commencement on leases.lease_id = at_commencement.lease_id
    left join in_force
        on
            leases.lease_id = in_force.lease_id
            and in_force.recency = 1
)

select * from final
