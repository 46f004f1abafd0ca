-- One row per ASC 360 impairment test and asset of the tested group, showing each step: (1)
-- the group's carrying amount vs its undiscounted cash flows (recoverability, ASC 360-10-35-17),
-- (2) the loss = carrying amount - fair value when not recoverable, (3) the loss allocated to
-- the asset pro rata on carrying amounts without taking it below its own fair value
-- (ASC 360-10-35-28), the asset's new carrying amount (its new cost basis, depreciated
-- prospectively, ASC 360-10-35-20) and whether the loss is booked in the asset events.
with
test_assets as (select * from {{ ref('int_impairment_test_assets') }}),

allocations as (select * from {{ ref('int_impairment_losses_allocated') }}),

impairment_tests as (select * from {{ ref('stg_infra__asset_group_impairment_tests') }}),

validated_events as (select * from {{ ref('int_fixed_asset_events_validated') }}),

booked_impairments as (
    select
        asset_id,
        event_date,
        sum(amount) as booked_loss_amount
    from validated_events
    where event_type = 'impairment' and is_bookable
    group by asset_id, event_date
),

final as (
    select
        test_assets.impairment_test_id,
        test_assets.asset_id,
        test_assets.asset_group_id,
        impairment_tests.subsidiary_id,
        impairment_tests.test_date,
        impairment_tests.currency_code,
        impairment_tests.triggering_event,
        cast(test_assets.group_carrying_amount as decimal(18, 2)) as group_carrying_amount,
        test_assets.group_undiscounted_cash_flows_amount,
        test_assets.is_not_recoverable,
        test_assets.group_fair_value_amount,
        cast(test_assets.group_impairment_loss_amount as decimal(18, 2)) as group_impairment_loss_amount,
        test_assets.carrying_amount,
        test_assets.asset_fair_value_amount,
        cast(cast(allocations.allocated_loss_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)) as allocated_loss_amount,
        cast(
            test_assets.carrying_amount - cast(allocations.allocated_loss_cents as decimal(18, 0)) * 0.01 as decimal(18, 2)
        ) as carrying_after_impairment_amount,
        cast(coalesce(booked_impairments.booked_loss_amount, 0) as decimal(18, 2)) as booked_loss_amount,
        coalesce(booked_impairments.booked_loss_amount, 0) = cast(allocations.allocated_loss_cents as decimal(18, 0)) * 0.01
            as is_loss_booked
    from test_assets
    inner join allocations
        on test_assets.impairment_test_id = allocations.impairment_test_id
            and test_assets.asset_id = allocations.asset_id
    inner join impairment_tests on test_assets.impairment_test_id = impairment_tests.impairment_test_id
    left join booked_impairments
        on test_assets.asset_id = booked_impairments.asset_id
            and impairment_tests.test_date = booked_impairments.event_date
)

select * from final
