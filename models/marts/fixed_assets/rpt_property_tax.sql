-- One row per property-tax jurisdiction, property-tax category and acquisition year for the
-- latest assessment (lien) date on or before the close period end: original cost of the
-- business personal property held at that date, the percent-good factor of its age, market
-- value, assessed value and the estimated tax - the schedule a personal-property return is
-- filled from. US locations; real property and exempt categories are assessed separately.
with
rollforward_detail as (
    -- only the month before the assessment date is read (not every asset-month)
    select * from {{ ref('rpt_fixed_asset_rollforward_detail') }}
    where period_month
        = {{ infra_accounting.add_months('make_date(year(' ~ infra_accounting.close_period_month() ~ '), 1, 1)', -1) }}
),

schedule as (
    select * from {{ ref('fct_asset_depreciation') }}
    where period_month
        = {{ infra_accounting.add_months('make_date(year(' ~ infra_accounting.close_period_month() ~ '), 1, 1)', -1) }}
),

assets as (select * from {{ ref('int_fixed_assets_classified') }}),

locations as (select * from {{ ref('stg_infra__locations') }}),

percent_good as (select * from {{ ref('stg_policy__property_tax_percent_good') }}),

tax_rates as (select * from {{ ref('stg_policy__property_tax_rates') }}),

assessment as (
    -- January 1 of the close period's year (the lien date of the demo jurisdictions)
    select
        make_date(year({{ infra_accounting.close_period_month() }}), 1, 1) as assessment_date,
        {{ infra_accounting.add_months('make_date(year(' ~ infra_accounting.close_period_month() ~ '), 1, 1)', -1) }}
            as holding_month
),

held_assets as (
    select
        detail.asset_id,
        detail.subsidiary_id,
        detail.cost_closing_amount as original_cost_amount,
        detail.currency_code,
        coalesce(schedule.location_id, assets.location_id) as location_id,
        assets.property_tax_category,
        year(assets.acquisition_date) as acquisition_year,
        assessment.assessment_date
    from rollforward_detail as detail
    cross join assessment
    inner join assets on detail.asset_id = assets.asset_id
    left join schedule
        on detail.asset_id = schedule.asset_id
            and detail.period_month = schedule.period_month
    where detail.period_month = assessment.holding_month
        and detail.cost_closing_amount > 0
        and assets.property_tax_category not in ('real_property', 'exempt')
),

max_ages as (
    select
        property_tax_category,
        max(age_years) as max_age_years
    from percent_good
    group by property_tax_category
),

valued as (
    select
        locations.property_tax_jurisdiction,
        held_assets.property_tax_category,
        held_assets.acquisition_year,
        held_assets.assessment_date,
        held_assets.currency_code,
        greatest(year(held_assets.assessment_date) - held_assets.acquisition_year, 1) as age_years,
        held_assets.original_cost_amount
    from held_assets
    inner join locations on held_assets.location_id = locations.location_id
    where locations.country = 'US'
),

grouped as (
    select
        property_tax_jurisdiction,
        property_tax_category,
        acquisition_year,
        assessment_date,
        currency_code,
        age_years,
        count(*) as asset_count,
        sum(original_cost_amount) as original_cost_amount
    from valued
    group by all
),

final as (
    select
        grouped.property_tax_jurisdiction,
        grouped.property_tax_category,
        cast(grouped.acquisition_year as integer) as acquisition_year,
        grouped.assessment_date,
        grouped.currency_code,
        cast(grouped.age_years as integer) as age_years,
        cast(grouped.asset_count as integer) as asset_count,
        cast(grouped.original_cost_amount as decimal(18, 2)) as original_cost_amount,
        coalesce(exact_age.percent_good, oldest.percent_good) as percent_good,
        {{ infra_accounting.money('grouped.original_cost_amount * coalesce(exact_age.percent_good, oldest.percent_good)') }}
            as market_value_amount,
        tax_rates.assessment_ratio,
        {{ infra_accounting.money(
            'grouped.original_cost_amount * coalesce(exact_age.percent_good, oldest.percent_good) * tax_rates.assessment_ratio'
        ) }} as assessed_value_amount,
        tax_rates.tax_rate,
        {{ infra_accounting.money(
            'cast(grouped.original_cost_amount * coalesce(exact_age.percent_good, oldest.percent_good)'
            ~ ' * tax_rates.assessment_ratio as decimal(38, 10)) * tax_rates.tax_rate'
        ) }} as estimated_tax_amount,
        tax_rates.property_tax_jurisdiction is not null as has_tax_rate
    from grouped
    left join max_ages on grouped.property_tax_category = max_ages.property_tax_category
    left join percent_good as exact_age
        on grouped.property_tax_category = exact_age.property_tax_category
            and grouped.age_years = exact_age.age_years
    left join percent_good as oldest
        on grouped.property_tax_category = oldest.property_tax_category
            and max_ages.max_age_years = oldest.age_years
    left join tax_rates on grouped.property_tax_jurisdiction = tax_rates.property_tax_jurisdiction
)

select * from final
