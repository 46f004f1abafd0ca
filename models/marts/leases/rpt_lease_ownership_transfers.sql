-- One row per finance lease whose underlying asset passes to the lessee at the end of the lease
-- term (ownership transfers, or a purchase option reasonably certain of exercise): the ROU
-- carrying amount handed off to the fixed-asset register at the end of the term, its finance
-- cost and accumulated amortization, the useful life left, and whether the hand-off falls in a
-- month already closed (then the hand-off journal is due; later ones are projections).
with
segments as (select * from {{ ref('int_lease_segments_prepared') }}),

-- the purchase option assessment in force (a modification may make it reasonably certain)
latest_segments as (
    select
        lease_id,
        arg_max(purchase_option_reasonably_certain, segment_number) as is_purchase_option_certain_now
    from segments
    group by lease_id
),

leases as (
    select
        dim_leases.*,
        coalesce(latest_segments.is_purchase_option_certain_now, dim_leases.is_purchase_option_met)
            as is_purchase_option_in_force
    from {{ ref('dim_leases') }} as dim_leases
    left join latest_segments on dim_leases.lease_id = latest_segments.lease_id
    where dim_leases.classification = 'finance'
        and dim_leases.lease_status <> 'terminated'
),

schedule as (select * from {{ ref('fct_lease_schedule') }}),

accounts as (select * from {{ ref('stg_policy__lease_account_map') }}),

finance_accounts as (
    select
        max(account_number) filter (where account_role = 'rou_asset') as rou_asset_account,
        max(account_number) filter (where account_role = 'rou_accumulated_amortization')
            as rou_accumulated_amortization_account
    from accounts
    where classification = 'finance'
),

placed as (
    select
        leases.lease_id,
        leases.subsidiary_id,
        leases.currency_code,
        leases.asset_type,
        leases.description,
        case when leases.is_ownership_transfer_met then 'ownership_transfer' else 'purchase_option' end
            as transfer_basis,
        leases.lease_term_end_date,
        {{ infra_accounting.month_start('leases.lease_term_end_date') }} as hand_off_month
    from leases
    where leases.is_ownership_transfer_met or leases.is_purchase_option_in_force
),

at_hand_off as (
    select
        placed.lease_id,
        max(case when schedule.period_month = placed.hand_off_month then schedule.rou_closing_amount end)
            as rou_carrying_amount,
        sum(
            case
                when schedule.period_month <= placed.hand_off_month and schedule.classification = 'finance'
                    then schedule.rou_amortization_amount + schedule.rou_impairment_amount
                else 0
            end
        ) as accumulated_amortization_amount,
        count(case when schedule.period_month > placed.hand_off_month then 1 end) as remaining_useful_life_months
    from placed
    inner join schedule on placed.lease_id = schedule.lease_id
    group by placed.lease_id
),

final as (
    select
        placed.lease_id,
        placed.subsidiary_id,
        placed.currency_code,
        placed.asset_type,
        placed.description,
        placed.transfer_basis,
        placed.lease_term_end_date,
        placed.hand_off_month,
        placed.hand_off_month <= {{ infra_accounting.close_period_month() }} as is_hand_off_due,
        cast(at_hand_off.rou_carrying_amount + at_hand_off.accumulated_amortization_amount as decimal(18, 2))
            as rou_cost_amount,
        cast(at_hand_off.accumulated_amortization_amount as decimal(18, 2)) as accumulated_amortization_amount,
        cast(at_hand_off.rou_carrying_amount as decimal(18, 2)) as rou_carrying_amount,
        cast(at_hand_off.remaining_useful_life_months as integer) as remaining_useful_life_months,
        finance_accounts.rou_asset_account,
        finance_accounts.rou_accumulated_amortization_account
    from placed
    inner join at_hand_off on placed.lease_id = at_hand_off.lease_id
    cross join finance_accounts
)

select * from final
