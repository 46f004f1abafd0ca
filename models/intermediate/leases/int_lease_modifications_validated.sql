-- One row per lease modification with the lease month it takes effect in and, where it cannot
-- be applied, the reason (such rows are listed in int_lease_exceptions and not applied).
with
modifications as (select * from {{ ref('stg_leases__lease_modifications') }}),

leases as (select * from {{ ref('int_leases_populated') }}),

placed as (
    select
        modifications.*,
        leases.commencement_date,
        leases.end_date,
        leases.lease_term_months,
        -- a modification effective on the last day of a month takes effect from the next month;
        -- a termination ends the lease at the end of the month of its effective date
        case
            when modifications.modification_type = 'termination'
                then {{ infra_accounting.months_between('leases.commencement_date', 'modifications.effective_date') }} + 1
            else {{ infra_accounting.months_between('leases.commencement_date', 'modifications.effective_date + interval 1 day') }}
        end as effective_month_index,
        case
            when modifications.modification_type = 'termination'
                then {{ infra_accounting.month_start('modifications.effective_date') }}
            else {{ infra_accounting.month_start('modifications.effective_date + interval 1 day') }}
        end as effective_month
    from modifications
    inner join leases on modifications.lease_id = leases.lease_id
),

ordered as (
    select
        placed.*,
        row_number() over (
            partition by placed.lease_id, placed.effective_month_index
            order by placed.effective_date, placed.modification_id
        ) as rank_in_month,
        min(case when placed.modification_type = 'termination' then placed.effective_date end) over (
            partition by placed.lease_id
        ) as termination_date
    from placed
),

checked as (
    select
        ordered.*,
        concat_ws(
            '; ',
            case
                when ordered.effective_date <= ordered.commencement_date
                    then 'modification effective on or before the lease commencement date'
            end,
            case
                when ordered.effective_month_index >= ordered.lease_term_months
                    and ordered.modification_type <> 'termination'
                    then 'modification effective after the lease term has ended'
            end,
            case
                when ordered.termination_date < ordered.effective_date
                    then 'modification effective after the lease was terminated'
            end,
            case
                when ordered.rank_in_month > 1
                    then 'a second modification in the same month (apply them as one amendment)'
            end,
            case
                when ordered.modification_type in ('extension', 'term_reduction') and ordered.new_end_date is null
                    then 'term change without a new end date'
            end,
            case
                when ordered.modification_type = 'extension' and ordered.new_end_date <= ordered.end_date
                    then 'extension with a new end date not after the current end date'
            end,
            case
                when ordered.modification_type = 'term_reduction'
                    and (ordered.new_end_date >= ordered.end_date or ordered.new_end_date < ordered.effective_date)
                    then 'term reduction with a new end date not between the effective date and the current end date'
            end,
            case
                when ordered.modification_type = 'payment_change' and ordered.new_base_payment is null
                    then 'payment change without a new payment'
            end,
            case
                when ordered.modification_type = 'scope_decrease'
                    and (coalesce(ordered.scope_decrease_pct, 0) <= 0 or ordered.scope_decrease_pct >= 1)
                    then 'scope decrease without a share between 0 and 1 (use termination for 100%)'
            end,
            case
                when ordered.modification_type = 'purchase_option_change'
                    and ordered.purchase_option_reasonably_certain is null and ordered.purchase_option_price is null
                    then 'purchase option change without a price or a reassessment'
            end,
            case
                when ordered.modification_type = 'residual_value_guarantee_change'
                    and ordered.residual_value_guarantee_amount is null
                    then 'residual value guarantee change without the amount probable of being owed'
            end
        ) as exception_reason,
        concat_ws(
            '; ',
            case
                when ordered.modification_type = 'residual_value_guarantee_change' and ordered.new_discount_rate is not null
                    then 'a change in the RVG amount keeps the original discount rate (ASC 842-20-35-5): new rate ignored'
            end,
            case
                when ordered.modification_type not in ('residual_value_guarantee_change', 'termination')
                    and ordered.new_discount_rate is null
                    then 'no updated discount rate for a modification that requires one (ASC 842-10-25-9, 842-20-35-5):'
                        || ' the rate in force is used'
            end
        ) as warning_reason
    from ordered
),

final as (
    select
        modification_id,
        lease_id,
        effective_date,
        effective_month,
        effective_month_index,
        modification_type,
        new_end_date,
        new_base_payment,
        case when modification_type <> 'residual_value_guarantee_change' then new_discount_rate end as new_discount_rate,
        scope_decrease_pct,
        termination_payment,
        purchase_option_price,
        purchase_option_reasonably_certain,
        residual_value_guarantee_amount,
        nullif(exception_reason, '') as exception_reason,
        nullif(warning_reason, '') as warning_reason,
        coalesce(exception_reason, '') = '' as is_applied
    from checked
)

select * from final
