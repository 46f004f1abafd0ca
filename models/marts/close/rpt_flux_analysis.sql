-- One row per scope (each subsidiary in its functional currency, CONSOLIDATED in USD),
-- account and comparison (mom, qoq, yoy) at the close month: the two amounts, the
-- variance and its percentage, the threshold applied and whether it is breached, and for a
-- breach the explanation from the operating drivers (rpt_flux_drivers), which sum to the
-- variance.
with
variances as (select * from {{ ref('int_flux_variances_computed') }}),

drivers as (select * from {{ ref('rpt_flux_drivers') }}),

driver_summary as (
    select
        scope_id,
        account_number,
        comparison,
        sum(driver_amount) as driver_total_amount,
        sum(driver_amount) filter (where not is_residual) as operating_driver_amount,
        string_agg(driver || ' ' || driver_amount, '; ' order by abs(driver_amount) desc, driver) as drivers
    from drivers
    group by all
),

final as (
    select
        variances.scope_id,
        variances.account_number,
        variances.account_name,
        variances.comparison,
        variances.current_month,
        variances.comparison_month,
        variances.is_income_statement,
        variances.currency_code,
        {{ infra_accounting.money('variances.current_amount') }} as current_amount,
        {{ infra_accounting.money('variances.comparison_amount') }} as comparison_amount,
        {{ infra_accounting.money('variances.variance_amount') }} as variance_amount,
        {{ infra_accounting.rate('variances.variance_pct') }} as variance_pct,
        variances.threshold_id,
        variances.threshold_mode,
        {{ infra_accounting.money('variances.threshold_amount') }} as threshold_amount,
        {{ infra_accounting.rate('variances.threshold_pct') }} as threshold_pct,
        variances.is_breach,
        {{ infra_accounting.money('coalesce(driver_summary.driver_total_amount, 0)') }} as driver_total_amount,
        {{ infra_accounting.money('coalesce(driver_summary.operating_driver_amount, 0)') }} as operating_driver_amount,
        case when variances.is_breach then coalesce(driver_summary.drivers, 'no change') end as explanation
    from variances
    left join driver_summary
        on
            variances.scope_id = driver_summary.scope_id
            and variances.account_number = driver_summary.account_number
            and variances.comparison = driver_summary.comparison
)

select * from final
