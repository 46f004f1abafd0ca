-- One row per capital project per month from its first cost to the close period: the
-- construction-in-progress roll-forward (opening, additions from AP capex lines, capitalized
-- to the asset register when the project is accepted, written off as abandoned (bookable rows
-- of infra/capital_project_write_offs, negative), closing) in the functional
-- currency of the project's entity.
with
capex_lines as (select * from {{ ref('int_capex_lines_converted') }}),

ledger_entries as (select * from {{ ref('int_asset_ledger_entries') }}),

cip_write_offs as (select * from {{ ref('int_cip_write_offs_validated') }}),

projects as (select * from {{ ref('stg_infra__capital_projects') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

periods as (select * from {{ ref('dim_periods') }}),

additions as (
    select
        project_id,
        period_month,
        sum(functional_amount) as additions_amount
    from capex_lines
    where period_month <= {{ infra_accounting.close_period_month() }}
    group by project_id, period_month
),

capitalizations as (
    select
        project_id,
        period_month,
        sum(cost_change_amount) as capitalized_amount
    from ledger_entries
    where entry_type = 'cip_transfer_in'
    group by project_id, period_month
),

write_offs as (
    select
        project_id,
        period_month,
        sum(write_off_amount) as written_off_amount
    from cip_write_offs
    where is_bookable
    group by project_id, period_month
),

activity_months as (
    select
        project_id,
        period_month
    from additions
    union all
    select
        project_id,
        period_month
    from capitalizations
    union all
    select
        project_id,
        period_month
    from write_offs
),

project_spans as (
    select
        project_id,
        min(period_month) as first_month
    from activity_months
    group by project_id
),

project_months as (
    select
        spans.project_id,
        periods.period_month
    from project_spans as spans
    inner join periods
        on periods.period_month between spans.first_month and {{ infra_accounting.close_period_month() }}
),

activity as (
    select
        project_months.project_id,
        project_months.period_month,
        coalesce(additions.additions_amount, 0) as additions_amount,
        -coalesce(capitalizations.capitalized_amount, 0) as capitalized_amount,
        -coalesce(write_offs.written_off_amount, 0) as written_off_amount
    from project_months
    left join additions
        on project_months.project_id = additions.project_id
            and project_months.period_month = additions.period_month
    left join capitalizations
        on project_months.project_id = capitalizations.project_id
            and project_months.period_month = capitalizations.period_month
    left join write_offs
        on project_months.project_id = write_offs.project_id
            and project_months.period_month = write_offs.period_month
),

balances as (
    select
        *,
        sum(additions_amount + capitalized_amount + written_off_amount) over (
            partition by project_id order by period_month
            rows between unbounded preceding and current row
        ) as closing_amount
    from activity
),

final as (
    select
        balances.project_id,
        balances.period_month,
        projects.subsidiary_id,
        subsidiaries.functional_currency_code as currency_code,
        cast(
            balances.closing_amount - balances.additions_amount - balances.capitalized_amount - balances.written_off_amount
            as decimal(18, 2)
        ) as cip_opening_amount,
        cast(balances.additions_amount as decimal(18, 2)) as cip_additions_amount,
        cast(balances.capitalized_amount as decimal(18, 2)) as cip_capitalized_amount,
        cast(balances.written_off_amount as decimal(18, 2)) as cip_written_off_amount,
        cast(balances.closing_amount as decimal(18, 2)) as cip_closing_amount
    from balances
    inner join projects on balances.project_id = projects.project_id
    inner join subsidiaries on projects.subsidiary_id = subsidiaries.subsidiary_id
)

select * from final
