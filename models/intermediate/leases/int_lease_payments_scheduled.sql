-- One row per lease per segment per month of the segment's term: the fixed lease payment due
-- (advance: start of the month, arrears: end of it) under the segment's terms, and the amounts
-- expensed as incurred (separated non-lease components, variable payments). Payments come from
-- the explicit schedule where the lease has one, else from the base payment and escalation.
with
segments as (select * from {{ ref('int_lease_segments_prepared') }}),

leases as (
    select * from {{ ref('int_leases_validated') }}
    where is_measured
),

explicit_payments as (select * from {{ ref('stg_leases__lease_payments') }}),

segment_months as (
    select
        segments.lease_id,
        segments.segment_number,
        segments.start_index,
        segments.next_start_index,
        segments.payment_base_amount,
        segments.payment_base_month_index,
        segments.payment_timing,
        segments.end_index,
        segments.end_of_term_amount,
        12 // segments.payments_per_year as months_per_payment,
        unnest(range(segments.start_index, segments.end_index)) as month_index
    from segments
    where segments.event_type <> 'termination'
),

explicit_by_month as (
    select
        explicit_payments.lease_id,
        {{ infra_accounting.months_between('leases.commencement_date', 'explicit_payments.payment_date') }} as month_index,
        sum(explicit_payments.amount) filter (where explicit_payments.payment_type = 'fixed') as fixed_amount,
        sum(explicit_payments.amount) filter (where explicit_payments.payment_type = 'non_lease_component')
            as non_lease_amount,
        sum(explicit_payments.amount) filter (where explicit_payments.payment_type = 'variable') as variable_amount
    from explicit_payments
    inner join leases on explicit_payments.lease_id = leases.lease_id
    group by all
),

amounts as (
    select
        segment_months.lease_id,
        segment_months.segment_number,
        segment_months.month_index,
        segment_months.payment_timing,
        leases.combine_non_lease_components,
        segment_months.month_index < coalesce(segment_months.next_start_index, 2147483647) as is_effective,
        case
            when leases.has_explicit_schedule then coalesce(explicit_by_month.fixed_amount, 0)
            when
                (segment_months.payment_timing = 'advance' and segment_months.month_index % segment_months.months_per_payment = 0)
                or (
                    segment_months.payment_timing = 'arrears'
                    and (segment_months.month_index + 1) % segment_months.months_per_payment = 0
                )
                then {{ infra_accounting.money(
                    'segment_months.payment_base_amount * power(1 + leases.annual_escalation_pct,'
                    ~ ' segment_months.month_index // 12 - segment_months.payment_base_month_index // 12)'
                ) }}
            else 0
        end as fixed_amount,
        case
            when leases.has_explicit_schedule then coalesce(explicit_by_month.non_lease_amount, 0)
            when
                (segment_months.payment_timing = 'advance' and segment_months.month_index % segment_months.months_per_payment = 0)
                or (
                    segment_months.payment_timing = 'arrears'
                    and (segment_months.month_index + 1) % segment_months.months_per_payment = 0
                )
                then leases.non_lease_component_amount
            else 0
        end as non_lease_amount,
        coalesce(explicit_by_month.variable_amount, 0) as variable_amount,
        -- purchase option (reasonably certain) and RVG probable of being owed: end of the last month
        case
            when segment_months.month_index = segment_months.end_index - 1 then segment_months.end_of_term_amount else 0
        end as end_of_term_amount
    from segment_months
    inner join leases on segment_months.lease_id = leases.lease_id
    left join explicit_by_month
        on
            segment_months.lease_id = explicit_by_month.lease_id
            and segment_months.month_index = explicit_by_month.month_index
),

final as (
    select
        lease_id,
        segment_number,
        month_index,
        is_effective,
        payment_timing,
        fixed_amount + end_of_term_amount
        + case when combine_non_lease_components then non_lease_amount else 0 end as lease_payment_amount,
        end_of_term_amount,
        case when payment_timing = 'advance' then fixed_amount else 0 end
        + case when payment_timing = 'advance' and combine_non_lease_components then non_lease_amount else 0 end
            as advance_amount,
        case when payment_timing = 'arrears' then fixed_amount else 0 end
        + case when payment_timing = 'arrears' and combine_non_lease_components then non_lease_amount else 0 end
            as arrears_amount,
        case when combine_non_lease_components then 0 else non_lease_amount end as separated_non_lease_amount,
        variable_amount
    from amounts
)

select * from final
