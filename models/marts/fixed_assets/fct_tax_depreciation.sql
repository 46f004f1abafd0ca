-- One row per asset of a US entity per tax year, from the year placed in service to the close
-- period's tax year (or the year the asset left the taxpayer, or the end of recovery): bonus
-- depreciation and the MACRS deduction from the IRS Publication 946 tables (the last recovery
-- year takes the table's rounding so the basis recovers exactly), and the tax basis left.
-- Partial dispositions (Treas. Reg. 1.168(i)-8) take the disposed share of the basis out: it
-- gets the convention's part of the year's deduction, the rest continues on the table.
-- Each tax component of the asset (the original property and each cost adjustment: an
-- addition is separate property placed in service when made, a reduction a negative
-- component, FA-021) runs on its own table; the asset's row sums them.
with
tax_assets as (select * from {{ ref('int_tax_assets_prepared') }}),

validated_events as (select * from {{ ref('int_fixed_asset_events_validated') }}),

macrs_percentages as (select * from {{ ref('stg_policy__macrs_percentages') }}),

-- the last recovery year of each table (it takes the rounding residual of the percentages)
table_last_years as (
    select
        recovery_years,
        macrs_convention,
        placed_in_service_period,
        max(recovery_year) as last_recovery_year
    from macrs_percentages
    group by all
),

table_years as (
    select
        tax_assets.asset_id,
        tax_assets.tax_component_id,
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
        macrs_percentages.recovery_year = table_last_years.last_recovery_year as is_last_recovery_year
    from tax_assets
    inner join macrs_percentages
        on tax_assets.macrs_recovery_years = macrs_percentages.recovery_years
            and tax_assets.applied_convention = macrs_percentages.macrs_convention
            and tax_assets.table_period = macrs_percentages.placed_in_service_period
    inner join table_last_years
        on macrs_percentages.recovery_years = table_last_years.recovery_years
            and macrs_percentages.macrs_convention = table_last_years.macrs_convention
            and macrs_percentages.placed_in_service_period = table_last_years.placed_in_service_period
),

partial_disposal_years as (
    -- per asset and tax year: the share of the basis kept through the year's partial
    -- dispositions (by percentage, or the cost carried less the amount over the cost carried),
    -- a decimal product in event order, and the first date
    select
        asset_id,
        year(event_date) as tax_year,
        min(event_date) as first_partial_disposal_date,
        {{ infra_accounting.decimal_product('list(kept_fraction order by event_date, event_id)') }} as kept_ratio
    from (
        select
            asset_id,
            event_id,
            event_date,
            coalesce(
                cast(1 - disposal_pct as decimal(38, 18)),
                {{ infra_accounting.exact_ratio('remaining_cost_before_amount - amount', 'remaining_cost_before_amount') }},
                1
            ) as kept_fraction
        from validated_events
        where is_bookable and event_type = 'partial_disposal'
    ) as partial_disposals
    group by asset_id, year(event_date)
),

table_amounts as (
    select
        *,
        {{ infra_accounting.money(
            'cast(tax_basis_amount - bonus_depreciation_amount as decimal(38, 2)) * depreciation_rate'
        ) }} as table_amount
    from table_years
),

-- The components whose last recovery year falls in a tax year this run reports (through the
-- close period's): only theirs need the table amounts of their earlier recovery years.
components_ending as (
    select
        asset_id,
        tax_component_id
    from table_amounts
    where is_last_recovery_year and tax_year <= year({{ infra_accounting.close_period_month() }})
),

earlier_years as (
    select
        table_amounts.asset_id,
        table_amounts.tax_component_id,
        sum(table_amounts.table_amount) as earlier_years_amount
    from table_amounts
    semi join components_ending
        on
            table_amounts.asset_id = components_ending.asset_id
            and table_amounts.tax_component_id = components_ending.tax_component_id
    where not table_amounts.is_last_recovery_year
    group by all
),

recovery_amounts as (
    -- the recovery years through the close period's tax year (a later year changes no earlier
    -- one); the last recovery year takes the residual of the rounded table percentages
    select
        table_amounts.*,
        case
            when table_amounts.is_last_recovery_year
                then table_amounts.tax_basis_amount - table_amounts.bonus_depreciation_amount
                    - coalesce(earlier_years.earlier_years_amount, 0)
            else table_amounts.table_amount
        end as full_year_amount
    from table_amounts
    left join earlier_years
        on
            table_amounts.asset_id = earlier_years.asset_id
            and table_amounts.tax_component_id = earlier_years.tax_component_id
    where table_amounts.tax_year <= year({{ infra_accounting.close_period_month() }})
),

partially_disposed_assets as (
    select distinct asset_id from partial_disposal_years
    where asset_id is not null
),

-- the running kept shares (decimal products of the years' kept ratios, in tax-year order) are
-- computed for the assets with partial dispositions only; every other asset keeps its whole
-- basis every year (shares of exactly 1, nothing disposed). The two branches are exists / not
-- exists, so every row lands in exactly one of them.
recovery_with_partials as (
    select
        recovery_amounts.*,
        partials.first_partial_disposal_date,
        {{ infra_accounting.decimal_product(
            'list(coalesce(partials.kept_ratio, 1)) over kept_before_year'
        ) }} as kept_share_opening,
        {{ infra_accounting.decimal_product(
            'list(coalesce(partials.kept_ratio, 1)) over kept_through_year'
        ) }} as kept_share_closing,
        sum(recovery_amounts.full_year_amount) over kept_before_year as prior_full_year_amount
    from recovery_amounts
    left join partial_disposal_years as partials
        on recovery_amounts.asset_id = partials.asset_id
            and recovery_amounts.tax_year = partials.tax_year
    where exists (
            select 1 from partially_disposed_assets
            where partially_disposed_assets.asset_id = recovery_amounts.asset_id
        )
    window
        kept_before_year as (
            partition by recovery_amounts.asset_id, recovery_amounts.tax_component_id order by recovery_amounts.tax_year
            rows between unbounded preceding and 1 preceding
        ),
        kept_through_year as (
            partition by recovery_amounts.asset_id, recovery_amounts.tax_component_id order by recovery_amounts.tax_year
            rows between unbounded preceding and current row
        )
    union all
    select
        recovery_amounts.*,
        cast(null as date) as first_partial_disposal_date,
        cast(1 as decimal(38, 18)) as kept_share_opening,
        cast(1 as decimal(38, 18)) as kept_share_closing,
        cast(null as decimal(38, 2)) as prior_full_year_amount
    from recovery_amounts
    where not exists (
            select 1 from partially_disposed_assets
            where partially_disposed_assets.asset_id = recovery_amounts.asset_id
        )
),

partial_factors as (
    -- the part of the year the convention allows for property that leaves, as a whole-number
    -- fraction: for the share disposed of in a partial disposition (none in the year placed
    -- in service) and, in the exit year, for the whole asset
    select
        *,
        kept_share_opening - kept_share_closing as disposed_share,
        case
            when first_partial_disposal_date is null or tax_year = placed_in_service_year then 0
            else {{ infra_accounting.convention_year_part_numerator('applied_convention', 'first_partial_disposal_date') }}
        end as disposed_year_part_numerator,
        {{ infra_accounting.convention_year_part_numerator('applied_convention', 'exit_date') }} as exit_year_part_numerator,
        {{ infra_accounting.convention_year_part_denominator('applied_convention') }} as year_part_denominator
    from recovery_with_partials
),

deductions as (
    -- in the year the asset leaves (disposal or transfer abroad) the convention limits the
    -- deduction: half-year 1/2, mid-quarter (quarters before + 1/2) / 4, mid-month
    -- (months before + 1/2) / 12; nothing if it leaves in the year placed in service. Every
    -- amount is one exact share of a money amount, rounded once (money_share).
    select
        *,
        case
            when exit_year is null or tax_year < exit_year then {{ infra_accounting.money_share(
                'full_year_amount',
                'kept_share_closing * year_part_denominator + disposed_share * disposed_year_part_numerator',
                'year_part_denominator',
                scale=18
            ) }}
            when tax_year > exit_year or exit_year = placed_in_service_year then 0
            else {{ infra_accounting.money_share(
                'full_year_amount', 'kept_share_opening * exit_year_part_numerator', 'year_part_denominator', scale=18
            ) }}
        end as macrs_amount,
        -- adjusted basis of the share disposed of (it leaves the basis; the gain or loss is its own):
        -- the share of (basis not yet recovered - the disposed share's part of the year's deduction)
        case
            when disposed_share > 0 and (exit_year is null or tax_year < exit_year) then {{ infra_accounting.money_share(
                '(tax_basis_amount - bonus_depreciation_amount - coalesce(prior_full_year_amount, 0)) * year_part_denominator'
                ~ ' - full_year_amount * disposed_year_part_numerator',
                'disposed_share',
                'year_part_denominator',
                scale=18
            ) }}
            else 0
        end as disposed_basis_amount,
        case when recovery_year = 1 then bonus_depreciation_amount else 0 end as bonus_amount
    from partial_factors
    where tax_year <= year({{ infra_accounting.close_period_month() }})
        and (exit_year is null or tax_year <= exit_year)
),

components as (
    select
        *,
        tax_basis_amount - sum(bonus_amount + macrs_amount + disposed_basis_amount) over (
            partition by asset_id, tax_component_id order by tax_year
            rows between unbounded preceding and current row
        ) as component_basis_remaining_amount
    from deductions
),

final as (
    -- one row per asset and tax year: the components summed; the table columns are the
    -- original property's
    select
        asset_id,
        cast(tax_year as integer) as tax_year,
        any_value(subsidiary_id) as subsidiary_id,
        any_value(asset_class_code) as asset_class_code,
        cast(max(case when tax_component_id = 'original' then recovery_year end) as integer) as recovery_year,
        max(case when tax_component_id = 'original' then applied_convention end) as macrs_convention,
        cast(max(case when tax_component_id = 'original' then table_period end) as integer) as table_period,
        max(case when tax_component_id = 'original' then depreciation_rate end) as depreciation_rate,
        cast(sum(tax_basis_amount) as decimal(18, 2)) as tax_basis_amount,
        cast(sum(case when tax_component_id <> 'original' then tax_basis_amount else 0 end) as decimal(18, 2))
            as cost_adjustment_basis_amount,
        cast(sum(bonus_amount) as decimal(18, 2)) as bonus_depreciation_amount,
        cast(sum(macrs_amount) as decimal(18, 2)) as macrs_depreciation_amount,
        cast(sum(bonus_amount + macrs_amount) as decimal(18, 2)) as tax_depreciation_amount,
        cast(sum(disposed_basis_amount) as decimal(18, 2)) as partial_disposition_basis_amount,
        cast(sum(component_basis_remaining_amount) as decimal(18, 2)) as tax_basis_remaining_amount,
        bool_or(exit_year is not null and tax_year = exit_year) as is_exit_year
    from components
    group by asset_id, tax_year
)

select * from final
