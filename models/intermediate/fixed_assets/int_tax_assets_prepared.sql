-- One row per tax component of an asset of a US entity placed in service by the close period
-- with a MACRS class: the original property ('original') and each bookable cost adjustment
-- (its event_id). An addition or improvement is separate depreciable property of the same
-- class placed in service when made (IRS Publication 946 ch. 1 and 4, "Additions or
-- improvements"); a cost reduction (rebate, price adjustment) reduces the basis from its date
-- as a negative component on the same table (FA-021). Per component: tax basis, bonus
-- depreciation, the MACRS convention that applies (mid-quarter when more than 40 % of the
-- year's personal-property basis was placed in service in the last quarter of the tax year,
-- IRC 168(d)(3); additions count, reductions do not), the table key; per asset the year it left
-- the US taxpayer (disposal or transfer to a foreign entity).
with
assets as (select * from {{ ref('int_fixed_assets_classified') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

events as (select * from {{ ref('int_fixed_asset_events_validated') }}),

bonus_rates as (select * from {{ ref('stg_policy__bonus_depreciation_rates') }}),

us_originals as (
    select
        assets.asset_id,
        'original' as tax_component_id,
        assets.subsidiary_id,
        assets.asset_class_code,
        assets.in_service_date,
        year(assets.in_service_date) as placed_in_service_year,
        quarter(assets.in_service_date) as placed_in_service_quarter,
        month(assets.in_service_date) as placed_in_service_month,
        assets.cost_amount as tax_basis_amount,
        assets.macrs_recovery_years,
        assets.macrs_method,
        assets.macrs_convention
    from assets
    inner join subsidiaries on assets.subsidiary_id = subsidiaries.subsidiary_id
    where assets.asset_status = 'in_service'
        and subsidiaries.country_code = 'US'
        and assets.macrs_recovery_years is not null
),

us_cost_adjustments as (
    -- bookable cost adjustments of those assets dated by the close period
    select
        us_originals.asset_id,
        events.event_id as tax_component_id,
        us_originals.subsidiary_id,
        us_originals.asset_class_code,
        greatest(events.event_date, us_originals.in_service_date) as in_service_date,
        year(greatest(events.event_date, us_originals.in_service_date)) as placed_in_service_year,
        quarter(greatest(events.event_date, us_originals.in_service_date)) as placed_in_service_quarter,
        month(greatest(events.event_date, us_originals.in_service_date)) as placed_in_service_month,
        events.amount as tax_basis_amount,
        us_originals.macrs_recovery_years,
        us_originals.macrs_method,
        us_originals.macrs_convention
    from us_originals
    inner join events on us_originals.asset_id = events.asset_id
    where events.is_bookable
        and events.event_type = 'cost_adjustment'
        and events.amount <> 0
        and events.event_date <= last_day({{ infra_accounting.close_period_month() }})
),

us_assets as (
    select * from us_originals
    union all
    select * from us_cost_adjustments
),

mid_quarter_tests as (
    -- personal property only (real property is always mid-month), basis before bonus
    select
        subsidiary_id,
        placed_in_service_year,
        sum(tax_basis_amount) as year_basis_amount,
        sum(case when placed_in_service_quarter = 4 then tax_basis_amount else 0 end) as fourth_quarter_basis_amount
    from us_assets
    where macrs_convention <> 'MM' and tax_basis_amount > 0
    group by subsidiary_id, placed_in_service_year
),

exits as (
    select
        asset_id,
        min(event_date) as exit_date
    from events
    where is_bookable and engine_event_type in ('disposal', 'entity_transfer')
    group by asset_id
),

final as (
    select
        us_assets.*,
        mid_quarter_tests.fourth_quarter_basis_amount,
        mid_quarter_tests.year_basis_amount,
        coalesce(mid_quarter_tests.fourth_quarter_basis_amount > 0.4 * mid_quarter_tests.year_basis_amount, false)
            as is_mid_quarter_year,
        case
            when us_assets.macrs_convention = 'MM' then 'MM'
            when mid_quarter_tests.fourth_quarter_basis_amount > 0.4 * mid_quarter_tests.year_basis_amount then 'MQ'
            else 'HY'
        end as applied_convention,
        case
            when us_assets.macrs_convention = 'MM' then us_assets.placed_in_service_month
            when mid_quarter_tests.fourth_quarter_basis_amount > 0.4 * mid_quarter_tests.year_basis_amount
                then us_assets.placed_in_service_quarter
            else 0
        end as table_period,
        case
            when us_assets.macrs_convention <> 'MM' and us_assets.macrs_recovery_years <= 20 and not bonus_rates.is_elected_out
                and us_assets.tax_basis_amount > 0
                then coalesce(bonus_rates.bonus_pct, 0)
            else 0
        end as bonus_pct,
        {{ infra_accounting.money(
            'cast(us_assets.tax_basis_amount as decimal(38, 2)) * case when us_assets.macrs_convention <> \'MM\' and us_assets.macrs_recovery_years <= 20'
            ~ ' and not bonus_rates.is_elected_out and us_assets.tax_basis_amount > 0 then coalesce(bonus_rates.bonus_pct, 0) else 0 end'
        ) }} as bonus_depreciation_amount,
        exits.exit_date,
        year(exits.exit_date) as exit_year
    from us_assets
    left join mid_quarter_tests
        on us_assets.subsidiary_id = mid_quarter_tests.subsidiary_id
            and us_assets.placed_in_service_year = mid_quarter_tests.placed_in_service_year
    left join bonus_rates on us_assets.placed_in_service_year = bonus_rates.tax_year
    left join exits on us_assets.asset_id = exits.asset_id
)

select * from final
