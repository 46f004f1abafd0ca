-- One row per CIP write-off of the extract (infra/capital_project_write_offs), checked against
-- the project's CIP balance: exception_reason says why it cannot be booked (null when it can).
-- The balance available is the project's capex through the write-off month, less what was
-- capitalized to the register through that month and less the earlier write-offs that fit
-- (two passes, as for asset events).
with
write_offs as (select * from {{ ref('stg_infra__capital_project_write_offs') }}),

projects as (select * from {{ ref('stg_infra__capital_projects') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

capex_lines as (select * from {{ ref('int_capex_lines_converted') }}),

ledger_entries as (select * from {{ ref('int_asset_ledger_entries') }}),

cip_movements as (
    select
        project_id,
        period_month,
        functional_amount as amount
    from capex_lines
    union all
    select
        project_id,
        period_month,
        -cost_change_amount as amount
    from ledger_entries
    where entry_type = 'cip_transfer_in'
),

write_offs_with_project as (
    select
        write_offs.write_off_id,
        write_offs.project_id,
        write_offs.write_off_date,
        {{ infra_accounting.month_start('write_offs.write_off_date') }} as period_month,
        write_offs.amount,
        write_offs.reason,
        projects.subsidiary_id,
        subsidiaries.functional_currency_code as currency_code
    from write_offs
    left join projects on write_offs.project_id = projects.project_id
    left join subsidiaries on projects.subsidiary_id = subsidiaries.subsidiary_id
),

write_offs_with_balance as (
    select
        write_offs.write_off_id,
        coalesce(sum(cip_movements.amount), 0) as cip_balance_before_write_offs_amount
    from write_offs_with_project as write_offs
    left join cip_movements
        on write_offs.project_id = cip_movements.project_id
            and write_offs.period_month >= cip_movements.period_month
    group by write_offs.write_off_id
),

write_offs_first_pass as (
    -- pass 1: less all earlier write-offs of the project
    select
        write_offs.*,
        balances.cip_balance_before_write_offs_amount,
        balances.cip_balance_before_write_offs_amount - coalesce(sum(write_offs.amount) over (
            partition by write_offs.project_id order by write_offs.write_off_date, write_offs.write_off_id
            rows between unbounded preceding and 1 preceding
        ), 0) as first_pass_available_amount
    from write_offs_with_project as write_offs
    inner join write_offs_with_balance as balances on write_offs.write_off_id = balances.write_off_id
),

write_offs_with_running as (
    -- pass 2: less only the earlier write-offs that pass 1 found within the balance
    select
        *,
        cip_balance_before_write_offs_amount - coalesce(sum(
            case when amount <= first_pass_available_amount and amount > 0 then amount else 0 end
        ) over (
            partition by project_id order by write_off_date, write_off_id
            rows between unbounded preceding and 1 preceding
        ), 0) as cip_balance_available_amount
    from write_offs_first_pass
),

write_offs_checked as (
    select
        *,
        case
            when subsidiary_id is null then 'capital project ' || project_id || ' is not in infra/capital_projects'
            when amount <= 0 then 'write-off without a positive amount'
            when amount > cip_balance_available_amount
                then 'write-off of ' || cast(amount as varchar) || ' is more than the CIP balance of '
                    || cast(cip_balance_available_amount as varchar) || ' of ' || project_id || ' at '
                    || strftime(last_day(period_month), '%Y-%m-%d')
        end as exception_reason,
        write_off_date > last_day({{ infra_accounting.close_period_month() }}) as is_after_close_period
    from write_offs_with_running
),

final as (
    select
        write_off_id,
        project_id,
        subsidiary_id,
        write_off_date,
        period_month,
        cast(amount as decimal(18, 2)) as write_off_amount,
        currency_code,
        reason,
        cast(cip_balance_available_amount as decimal(18, 2)) as cip_balance_available_amount,
        exception_reason,
        is_after_close_period,
        exception_reason is null and not is_after_close_period as is_bookable
    from write_offs_checked
)

select * from final
