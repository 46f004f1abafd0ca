-- One row per ASC 360 impairment test and long-lived asset of the tested group (the capital
-- project's assets held at the end of the test month): carrying amount, the asset's own fair
-- value where known, and the group's recoverability test and loss (carrying amount of the
-- group less its fair value when the undiscounted cash flows do not recover it).
with
impairment_tests as (select * from {{ ref('stg_infra__asset_group_impairment_tests') }}),

asset_fair_values as (select * from {{ ref('stg_infra__asset_fair_values') }}),

schedule as (select * from {{ ref('fct_asset_depreciation') }}),

assets as (select * from {{ ref('int_fixed_assets_classified') }}),

group_assets as (
    select
        impairment_tests.impairment_test_id,
        impairment_tests.asset_group_id,
        schedule.asset_id,
        schedule.net_book_value_amount as carrying_amount,
        asset_fair_values.fair_value as asset_fair_value_amount
    from impairment_tests
    inner join assets on impairment_tests.asset_group_id = assets.project_id
    inner join schedule
        on assets.asset_id = schedule.asset_id
            and schedule.period_month = {{ infra_accounting.month_start('impairment_tests.test_date') }}
            and impairment_tests.subsidiary_id = schedule.subsidiary_id
    left join asset_fair_values
        on impairment_tests.impairment_test_id = asset_fair_values.impairment_test_id
            and schedule.asset_id = asset_fair_values.asset_id
    where schedule.net_book_value_amount > 0
        and impairment_tests.test_date <= last_day({{ infra_accounting.close_period_month() }})
),

group_totals as (
    select
        group_assets.*,
        sum(group_assets.carrying_amount) over (partition by group_assets.impairment_test_id) as group_carrying_amount
    from group_assets
),

final as (
    select
        group_totals.*,
        impairment_tests.undiscounted_cash_flows as group_undiscounted_cash_flows_amount,
        impairment_tests.fair_value as group_fair_value_amount,
        group_totals.group_carrying_amount > impairment_tests.undiscounted_cash_flows as is_not_recoverable,
        case
            when group_totals.group_carrying_amount > impairment_tests.undiscounted_cash_flows
                then greatest(group_totals.group_carrying_amount - impairment_tests.fair_value, 0)
            else 0
        end as group_impairment_loss_amount
    from group_totals
    inner join impairment_tests on group_totals.impairment_test_id = impairment_tests.impairment_test_id
)

select * from final
