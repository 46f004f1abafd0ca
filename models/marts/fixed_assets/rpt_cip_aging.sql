-- One row per capital project with cost in CIP or capitalized, as of the close period end:
-- its CIP balance, age since first cost (bucketed), days past the expected in-service date,
-- the stale flag (beyond the policy threshold without acceptance) and the timeliness check
-- that an accepted project has been capitalized (acceptance is the placed-in-service
-- evidence, ASC 360-10-35-4: depreciation starts when the asset is ready for its intended use).
with
cip_rollforward as (select * from {{ ref('rpt_cip_rollforward') }}),

capex_lines as (select * from {{ ref('int_capex_lines_converted') }}),

projects as (select * from {{ ref('stg_infra__capital_projects') }}),

milestones as (select * from {{ ref('stg_infra__deployment_milestones') }}),

fa_policy as (select * from {{ ref('stg_policy__fixed_asset_policy') }}),

close_balances as (
    select
        project_id,
        subsidiary_id,
        currency_code,
        arg_max(cip_closing_amount, period_month) as cip_closing_amount,
        sum(cip_additions_amount) as cip_cost_to_date_amount,
        -sum(cip_capitalized_amount) as capitalized_to_date_amount,
        min(case when cip_capitalized_amount <> 0 then period_month end) as first_capitalized_month
    from cip_rollforward
    group by project_id, subsidiary_id, currency_code
),

first_costs as (
    select
        project_id,
        min(bill_date) as first_cost_date,
        max(bill_date) as last_cost_date
    from capex_lines
    where bill_date <= last_day({{ infra_accounting.close_period_month() }})
    group by project_id
),

milestone_dates as (
    select
        project_id,
        max(case when milestone = 'accepted' then milestone_date end) as accepted_date,
        arg_max(milestone, milestone_date) as latest_milestone,
        max(milestone_date) as latest_milestone_date
    from milestones
    where milestone_date <= last_day({{ infra_accounting.close_period_month() }})
    group by project_id
),

aged as (
    select
        projects.project_id,
        close_balances.subsidiary_id,
        projects.location_id,
        projects.description,
        projects.budget_amount,
        close_balances.currency_code,
        close_balances.cip_closing_amount as cip_balance_amount,
        close_balances.cip_cost_to_date_amount,
        close_balances.capitalized_to_date_amount,
        first_costs.first_cost_date,
        first_costs.last_cost_date,
        projects.expected_in_service_date,
        milestone_dates.latest_milestone,
        milestone_dates.latest_milestone_date,
        milestone_dates.accepted_date,
        close_balances.first_capitalized_month,
        last_day({{ infra_accounting.close_period_month() }}) as as_of_date,
        fa_policy.cip_stale_days,
        fa_policy.cip_capitalization_grace_days
    from projects
    inner join close_balances on projects.project_id = close_balances.project_id
    cross join fa_policy
    left join first_costs on projects.project_id = first_costs.project_id
    left join milestone_dates on projects.project_id = milestone_dates.project_id
),

final as (
    select
        project_id,
        subsidiary_id,
        location_id,
        description,
        currency_code,
        cast(cip_balance_amount as decimal(18, 2)) as cip_balance_amount,
        cast(cip_cost_to_date_amount as decimal(18, 2)) as cip_cost_to_date_amount,
        cast(capitalized_to_date_amount as decimal(18, 2)) as capitalized_to_date_amount,
        budget_amount,
        first_cost_date,
        last_cost_date,
        cast(as_of_date - first_cost_date as integer) as age_days,
        case
            when cip_balance_amount = 0 then 'no_balance'
            when as_of_date - first_cost_date <= 90 then '0-90'
            when as_of_date - first_cost_date <= 180 then '91-180'
            when as_of_date - first_cost_date <= 365 then '181-365'
            else 'over_365'
        end as age_bucket,
        expected_in_service_date,
        cast(case
            when accepted_date is null and as_of_date > expected_in_service_date then as_of_date - expected_in_service_date
            else 0
        end as integer) as days_past_expected_in_service,
        latest_milestone,
        latest_milestone_date,
        accepted_date,
        first_capitalized_month,
        case
            when accepted_date is not null and cip_balance_amount = 0 then 'capitalized'
            when accepted_date is not null and capitalized_to_date_amount = 0 then 'accepted_not_capitalized'
            when accepted_date is not null then 'capitalized_with_residual_balance'
            when as_of_date - expected_in_service_date > cip_stale_days then 'stale'
            else 'in_progress'
        end as cip_status,
        accepted_date is null and as_of_date - expected_in_service_date > cip_stale_days as is_stale,
        accepted_date is not null
        and cip_balance_amount <> 0
        and as_of_date > last_day(accepted_date) + cip_capitalization_grace_days - 1 as is_accepted_not_capitalized
    from aged
)

select * from final
