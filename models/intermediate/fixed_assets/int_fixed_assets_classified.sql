-- One row per asset of the register, with the capitalization policy of its class resolved
-- (asset overrides win over the class), its status (expensed below the threshold, in CIP,
-- in service) and the GL accounts it posts to.
with
fixed_assets as (select * from {{ ref('stg_erp__fixed_assets') }}),

asset_classes as (select * from {{ ref('stg_policy__asset_classes') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

assets_with_policy as (
    select
        fixed_assets.asset_id,
        fixed_assets.asset_class_code,
        fixed_assets.subsidiary_id,
        fixed_assets.location_id,
        fixed_assets.project_id,
        fixed_assets.parent_asset_id,
        fixed_assets.description,
        fixed_assets.serial_number,
        fixed_assets.acquisition_date,
        fixed_assets.in_service_date,
        fixed_assets.cost as cost_amount,
        fixed_assets.currency_code,
        subsidiaries.functional_currency_code,
        coalesce(fixed_assets.useful_life_months, asset_classes.useful_life_months) as useful_life_months,
        coalesce(fixed_assets.depreciation_method, asset_classes.depreciation_method) as depreciation_method,
        case
            when coalesce(fixed_assets.depreciation_method, asset_classes.depreciation_method) = 'declining_balance'
                then coalesce(asset_classes.declining_balance_rate, 2)
        end as declining_balance_rate,
        asset_classes.convention,
        case when fixed_assets.salvage_value is null then asset_classes.salvage_pct end as salvage_pct,
        coalesce(
            fixed_assets.salvage_value,
            {{ infra_accounting.money('cast(fixed_assets.cost as decimal(38, 2)) * coalesce(asset_classes.salvage_pct, 0)') }}
        ) as salvage_amount,
        fixed_assets.salvage_value is not null as has_salvage_override,
        fixed_assets.useful_life_months is not null as has_useful_life_override,
        fixed_assets.depreciation_method is not null as has_method_override,
        asset_classes.capitalization_threshold as capitalization_threshold_amount,
        fixed_assets.cost < asset_classes.capitalization_threshold as is_below_capitalization_threshold,
        asset_classes.cost_account,
        asset_classes.accumulated_depreciation_account,
        asset_classes.depreciation_expense_account,
        asset_classes.macrs_recovery_years,
        asset_classes.macrs_method,
        asset_classes.macrs_convention,
        asset_classes.property_tax_category
    from fixed_assets
    inner join asset_classes on fixed_assets.asset_class_code = asset_classes.asset_class_code
    inner join subsidiaries on fixed_assets.subsidiary_id = subsidiaries.subsidiary_id
),

final as (
    select
        *,
        case
            when is_below_capitalization_threshold then 'expensed'
            when in_service_date is null then 'in_cip'
            when in_service_date > last_day({{ infra_accounting.close_period_month() }}) then 'in_service_after_close'
            else 'in_service'
        end as asset_status,
        {{ infra_accounting.close_period_month() }} as close_period_month,
        {{ var('fiscal_year_start_month') }} as fiscal_year_start_month
    from assets_with_policy
)

select * from final
