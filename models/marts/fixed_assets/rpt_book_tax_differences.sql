-- One row per asset of a US entity held at the close period end: book net book value vs tax
-- basis and the temporary difference (ASC 740-10-25-20), with the deferred tax at the policy
-- rate. The tax basis at the close date takes the close year's deduction ratably by month
-- (the deduction is annual); the year-end tax basis is shown too.
with
tax_depreciation as (select * from {{ ref('fct_tax_depreciation') }}),

book_depreciation as (select * from {{ ref('fct_asset_depreciation') }}),

tax_assets as (
    -- per asset: the original property and its cost adjustments (tax components, FA-021)
    select
        asset_id,
        any_value(subsidiary_id) as subsidiary_id,
        any_value(asset_class_code) as asset_class_code,
        sum(tax_basis_amount) as tax_basis_amount,
        max(exit_date) as exit_date
    from {{ ref('int_tax_assets_prepared') }}
    group by asset_id
),

fa_policy as (select * from {{ ref('stg_policy__fixed_asset_policy') }}),

-- each asset's last schedule month up to the close: one row per asset and month (the
-- schedule's key test), so every column is taken from that one row (arg_max_null keeps a null
-- value, as the row itself would); a group-by, not a window joined back to the schedule
book_at_close as (
    select
        asset_id,
        arg_max_null(subsidiary_id, period_month) as subsidiary_id,
        arg_max_null(asset_class_code, period_month) as asset_class_code,
        arg_max_null(cost_amount, period_month) as cost_amount,
        arg_max_null(accumulated_depreciation_amount, period_month) as accumulated_depreciation_amount,
        arg_max_null(net_book_value_amount, period_month) as net_book_value_amount
    from book_depreciation
    where period_month <= {{ infra_accounting.close_period_month() }}
    group by asset_id
),

tax_close_year as (
    select
        asset_id,
        tax_year,
        tax_depreciation_amount,
        partial_disposition_basis_amount,
        tax_basis_remaining_amount,
        tax_basis_remaining_amount + tax_depreciation_amount + partial_disposition_basis_amount as tax_basis_opening_amount
    from tax_depreciation
    where tax_year = year({{ infra_accounting.close_period_month() }})
),

tax_last_year as (
    select
        asset_id,
        tax_basis_remaining_amount
    from tax_depreciation
    qualify tax_year = max(tax_year) over (
            partition by asset_id
            rows between unbounded preceding and unbounded following
        )
),

compared as (
    select
        tax_assets.asset_id,
        tax_assets.subsidiary_id,
        tax_assets.asset_class_code,
        book_at_close.cost_amount as book_cost_amount,
        book_at_close.net_book_value_amount as book_net_book_value_amount,
        tax_assets.tax_basis_amount,
        coalesce(
            tax_close_year.tax_basis_opening_amount
            -- a partial disposition of the close year (dated by the close) has left the basis
            - tax_close_year.partial_disposition_basis_amount
            - {{ infra_accounting.money_share(
                'tax_close_year.tax_depreciation_amount', 'month(' ~ infra_accounting.close_period_month() ~ ')', '12'
            ) }},
            tax_last_year.tax_basis_remaining_amount
        ) as tax_basis_at_close_amount,
        coalesce(tax_close_year.tax_basis_remaining_amount, tax_last_year.tax_basis_remaining_amount)
            as tax_basis_year_end_amount,
        fa_policy.income_tax_rate
    from tax_assets
    inner join book_at_close on tax_assets.asset_id = book_at_close.asset_id
    cross join fa_policy
    left join tax_close_year on tax_assets.asset_id = tax_close_year.asset_id
    left join tax_last_year on tax_assets.asset_id = tax_last_year.asset_id
    where tax_assets.exit_date is null
),

final as (
    select
        asset_id,
        subsidiary_id,
        asset_class_code,
        cast(book_cost_amount as decimal(18, 2)) as book_cost_amount,
        cast(book_net_book_value_amount as decimal(18, 2)) as book_net_book_value_amount,
        cast(tax_basis_amount as decimal(18, 2)) as tax_basis_amount,
        cast(tax_basis_at_close_amount as decimal(18, 2)) as tax_basis_at_close_amount,
        cast(tax_basis_year_end_amount as decimal(18, 2)) as tax_basis_year_end_amount,
        cast(book_net_book_value_amount - tax_basis_at_close_amount as decimal(18, 2)) as temporary_difference_amount,
        income_tax_rate,
        {{ infra_accounting.money('(book_net_book_value_amount - tax_basis_at_close_amount) * income_tax_rate') }}
            as deferred_tax_liability_amount
    from compared
)

select * from final
