-- One row per ROU impairment with the lease month it is recognized in and, where it cannot be
-- applied, the reason (such rows are listed in int_lease_exceptions and not applied).
with
impairments as (select * from {{ ref('stg_leases__rou_impairments') }}),

leases as (select * from {{ ref('int_leases_validated') }}),

modifications as (
    select * from {{ ref('int_lease_modifications_validated') }}
    where is_applied
),

lease_events as (
    select
        lease_id,
        min(case when modification_type = 'termination' then effective_date end) as termination_date,
        -- the end date in force after the last extension / term reduction
        arg_max(new_end_date, effective_date) filter (
            where modification_type in ('extension', 'term_reduction')
        ) as modified_end_date
    from modifications
    group by lease_id
),

placed as (
    select
        impairments.impairment_id,
        impairments.lease_id,
        impairments.impairment_date,
        impairments.impairment_amount,
        impairments.reason,
        leases.lease_id is not null as is_known_lease,
        leases.is_measured,
        leases.is_short_term_election,
        leases.commencement_date,
        leases.lease_term_months
        + coalesce(
            {{ infra_accounting.months_between('leases.end_date + interval 1 day', 'lease_events.modified_end_date + interval 1 day') }},
            0
        ) as lease_term_months,
        lease_events.termination_date,
        -- the loss is recognized in the month of the impairment date
        {{ infra_accounting.month_start('impairments.impairment_date') }} as effective_month,
        {{ infra_accounting.months_between('leases.commencement_date', 'impairments.impairment_date') }}
            as effective_month_index
    from impairments
    left join leases on impairments.lease_id = leases.lease_id
    left join lease_events on impairments.lease_id = lease_events.lease_id
),

same_month as (
    select distinct placed.impairment_id
    from placed
    inner join modifications
        on placed.lease_id = modifications.lease_id
            and placed.effective_month_index = modifications.effective_month_index
),

ranked as (
    select
        placed.*,
        same_month.impairment_id is not null as has_modification_in_month,
        row_number() over (
            partition by placed.lease_id, placed.effective_month_index
            order by placed.impairment_date, placed.impairment_id
        ) as rank_in_month
    from placed
    left join same_month on placed.impairment_id = same_month.impairment_id
),

checked as (
    select
        ranked.*,
        concat_ws(
            '; ',
            case when not ranked.is_known_lease then 'lease not in the lease population' end,
            case
                when ranked.is_known_lease and not ranked.is_measured
                    then 'lease not measured (see its own exception)'
            end,
            case
                when ranked.is_short_term_election
                    then 'short-term lease: no ROU asset is recognized, so none can be impaired'
            end,
            case
                when ranked.impairment_date < ranked.commencement_date
                    then 'impairment dated before the lease commencement date'
            end,
            case
                when ranked.effective_month_index >= ranked.lease_term_months
                    then 'impairment dated after the lease term has ended'
            end,
            case
                when ranked.termination_date < ranked.impairment_date
                    then 'impairment dated after the lease was terminated'
            end,
            case
                when ranked.has_modification_in_month
                    then 'a lease modification takes effect in the same month (record the impairment after remeasurement, the next month)'
            end,
            case
                when ranked.rank_in_month > 1
                    then 'a second impairment of the lease in the same month (record one loss)'
            end
        ) as exception_reason
    from ranked
),

final as (
    select
        impairment_id,
        lease_id,
        impairment_date,
        effective_month,
        cast(effective_month_index as integer) as effective_month_index,
        impairment_amount,
        reason,
        nullif(exception_reason, '') as exception_reason,
        coalesce(exception_reason, '') = '' as is_applied
    from checked
)

select * from final
