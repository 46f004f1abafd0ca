-- One row per asset of a US entity per tax year, from the year placed in service to the close
-- period's tax year (or the year the asset left the taxpayer, or the end of recovery): bonus
-- depreciation and the MACRS deduction from the IRS Publication 946 tables (the last recovery
-- year takes the table's rounding so the basis recovers exactly), and the tax basis left.
with
tax_assets as (select * from {{ ref('int_tax_assets_prepared') }}),

macrs_percentages as (select * from {{ ref('stg_policy__macrs_percentages') }}),

table_years as (
    select
        tax_assets.asset_id,
        tax_assets.subsidiary_id,
        tax_assets.asset_class_code,
        tax_assets.placed_in_service_year,
        tax_assets.applied_convention,
        tax_assets.table_period,
        tax_assets.macrs_recovery_years,
        tax_assets.tax_basis_amount,
        tax_assets.bonus_depreciation_amount,
        tax_assets.exit_date,
        tax_assets.exit_year,
        macrs_percentages.recovery_year,
        tax_assets.placed_in_service_year + macrs_percentages.recovery_year - 1 as tax_year,
        macrs_percentages.depreciation_rate,
        macrs_percentages.recovery_year = max(macrs_percentages.recovery_year) over (
            partition by tax_assets.asset_id
            rows between unbounded preceding and unbounded following
        ) as is_last_recovery_year
    from tax_assets
    inner join macrs_percentages
        on tax_assets.macrs_recovery_years = macrs_percentages.recovery_years
            and tax_assets.applied_convention = macrs_percentages.macrs_convention
            and tax_assets.table_period = macrs_percentages.placed_in_service_period
),

table_amounts as (
    select
        *,
        {{ infra_accounting.money('(tax_basis_amount - bonus_depreciation_amount) * depreciation_rate') }} as table_amount
    from table_years
),

recovery_amounts as (
    -- the last recovery year takes the residual of the rounded table percentages
    select
        *,
        case
            when is_last_recovery_year
                then tax_basis_amount - bonus_depreciation_amount - coalesce(sum(table_amount) over (
                        partition by asset_id order by recovery_year
                        rows between unbounded preceding and 1 preceding
                    ), 0)
            else table_amount
        end as full_year_amount
    from table_amounts
),

deductions as (
    -- in the year the asset leaves (disposal or transfer abroad) the convention limits the
    -- deduction: half-year 1/2, mid-quarter (quarters before + 1/2) / 4, mid-month
    -- (months before + 1/2) / 12; nothing if it leaves in the year placed in service
    select
        *,
        case
            when exit_year is null or tax_year < exit_year then full_year_amount
            when tax_year > exit_year or exit_year = placed_in_service_year then 0
            when applied_convention = 'HY' then {{ infra_accounting.money('full_year_amount * 0.5') }}
            when applied_convention = 'MQ' then {{ infra_accounting.money('full_year_amount * (quarter(exit_date) - 0.5) / 4') }}
            else {{ infra_accounting.money('full_year_amount * (month(exit_date) - 0.5) / 12') }}
        end as macrs_amount,
        case when recovery_year = 1 then bonus_depreciation_amount else 0 end as bonus_amount
    from recovery_amounts
    where tax_year <= year({{ infra_accounting.close_period_month() }})
        and (exit_year is null or tax_year <= exit_year)
),

final as (
    select
        asset_id,
        cast(tax_year as integer) as tax_year,
        subsidiary_id,
        asset_class_code,
        cast(recovery_year as integer) as recovery_year,
        applied_convention as macrs_convention,
        cast(table_period as integer) as table_period,
        depreciation_rate,
        cast(tax_basis_amount as decimal(18, 2)) as tax_basis_amount,
        cast(bonus_amount as decimal(18, 2)) as bonus_depreciation_amount,
        cast(macrs_amount as decimal(18, 2)) as macrs_depreciation_amount,
        cast(bonus_amount + macrs_amount as decimal(18, 2)) as tax_depreciation_amount,
        cast(
            tax_basis_amount - sum(bonus_amount + macrs_amount) over (
                partition by asset_id order by tax_year
                rows between unbounded preceding and current row
            ) as decimal(18, 2)
        ) as tax_basis_remaining_amount,
        exit_year is not null and tax_year = exit_year as is_exit_year
    from deductions
)

select * from final
