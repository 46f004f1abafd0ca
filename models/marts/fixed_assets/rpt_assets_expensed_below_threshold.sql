-- One row per register item whose cost is below its class's capitalization threshold: expensed
-- when bought (account below_threshold_expense_account), never depreciated - the list the
-- capitalization policy requires.
with
assets as (select * from {{ ref('int_fixed_assets_classified') }}),

fa_policy as (select * from {{ ref('stg_policy__fixed_asset_policy') }}),

final as (
    select
        assets.asset_id,
        assets.subsidiary_id,
        assets.asset_class_code,
        assets.description,
        assets.acquisition_date,
        assets.cost_amount,
        assets.capitalization_threshold_amount,
        assets.functional_currency_code as currency_code,
        fa_policy.below_threshold_expense_account as expense_account
    from assets
    cross join fa_policy
    where assets.asset_status = 'expensed'
)

select * from final
