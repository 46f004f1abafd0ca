-- One row per month from the calendar start to the close period plus the months after it
-- that schedules and disclosures need, with fiscal year and quarter and the ERP close status.
with
accounting_periods as (select * from {{ ref('stg_erp__accounting_periods') }}),

month_spine as (
    -- range() names its single column "range"
    select cast(range as date) as period_month
    from range(
            date '{{ var("calendar_start_month") }}-01',
            {{ infra_accounting.add_months(infra_accounting.close_period_month(), var('calendar_months_after_close') | int + 1) }},
            interval 1 month
        )
),

months_with_fiscal_calendar as (
    select
        period_month,
        strftime(period_month, '%Y-%m') as period_id,
        last_day(period_month) as period_end_date,
        year(period_month) as calendar_year,
        quarter(period_month) as calendar_quarter,
        ((month(period_month) - {{ var('fiscal_year_start_month') }} + 12) % 12) + 1 as fiscal_period_number,
        year(period_month)
        + case
            when {{ var('fiscal_year_start_month') }} > 1 and month(period_month) >= {{ var('fiscal_year_start_month') }}
                then 1
            else 0
        end as fiscal_year
    from month_spine
),

final as (
    select
        months.period_month,
        months.period_id,
        months.period_end_date,
        months.calendar_year,
        months.calendar_quarter,
        months.fiscal_year,
        cast((months.fiscal_period_number - 1) // 3 + 1 as integer) as fiscal_quarter,
        months.fiscal_period_number,
        {{ infra_accounting.add_months('months.period_month', '-((months.fiscal_period_number - 1) % 3)') }} as fiscal_quarter_start_month,
        {{ infra_accounting.add_months('months.period_month', '-(months.fiscal_period_number - 1)') }} as fiscal_year_start_month,
        coalesce(accounting_periods.is_closed, false) as is_closed,
        accounting_periods.closed_date,
        accounting_periods.period_id is not null as is_erp_period,
        months.period_month = {{ infra_accounting.close_period_month() }} as is_close_period,
        months.period_month > {{ infra_accounting.close_period_month() }} as is_after_close_period,
        {{ infra_accounting.months_between(infra_accounting.close_period_month(), 'months.period_month') }} as months_from_close_period
    from months_with_fiscal_calendar as months
    left join accounting_periods on months.period_id = accounting_periods.period_id
)

select * from final
