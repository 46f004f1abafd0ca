-- One row per subsidiary per currency per fiscal year up to the close period (the current year
-- to date): the components of lease cost (ASC 842-20-50-4) and the supplemental cash flow
-- information (ASC 842-20-50-4(g)), each summed from fct_lease_schedule; ROU impairment losses are
-- shown beside them (not lease cost).
with
schedule as (
    select * from {{ ref('fct_lease_schedule') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

periods as (select * from {{ ref('dim_periods') }}),

by_year as (
    select
        schedule.subsidiary_id,
        schedule.currency_code,
        periods.fiscal_year,
        min(schedule.period_month) as first_period_month,
        max(schedule.period_month) as last_period_month,
        sum(case when schedule.classification = 'operating' then schedule.lease_cost_amount else 0 end)
            as operating_lease_cost_amount,
        sum(case when schedule.classification = 'finance' then schedule.rou_amortization_amount else 0 end)
            as finance_rou_amortization_amount,
        sum(case when schedule.classification = 'finance' then schedule.interest_amount else 0 end)
            as finance_interest_amount,
        sum(case when schedule.classification = 'short_term' then schedule.lease_cost_amount else 0 end)
            as short_term_lease_cost_amount,
        sum(schedule.variable_payment_amount) as variable_lease_cost_amount,
        sum(schedule.non_lease_component_amount) as non_lease_component_cost_amount,
        sum(schedule.gain_loss_amount) as modification_gain_loss_amount,
        sum(schedule.rou_impairment_amount) as rou_impairment_loss_amount,
        sum(case when schedule.classification = 'operating' then schedule.payment_amount else 0 end)
            as operating_cash_paid_amount,
        sum(case when schedule.classification = 'finance' then least(schedule.interest_amount, schedule.payment_amount) else 0 end)
            as finance_interest_paid_amount,
        sum(
            case
                when schedule.classification = 'finance'
                    then schedule.payment_amount - least(schedule.interest_amount, schedule.payment_amount)
                else 0
            end
        ) as finance_principal_paid_amount,
        sum(
            case
                when schedule.classification = 'operating'
                    then schedule.rou_commencement_amount + greatest(schedule.rou_remeasurement_amount, 0)
                else 0
            end
        ) as operating_rou_obtained_amount,
        sum(
            case
                when schedule.classification = 'finance'
                    then schedule.rou_commencement_amount + greatest(schedule.rou_remeasurement_amount, 0)
                else 0
            end
        ) as finance_rou_obtained_amount
    from schedule
    inner join periods on schedule.period_month = periods.period_month
    group by schedule.subsidiary_id, schedule.currency_code, periods.fiscal_year
),

final as (
    select
        subsidiary_id,
        currency_code,
        cast(fiscal_year as integer) as fiscal_year,
        first_period_month,
        last_period_month,
        cast(operating_lease_cost_amount as decimal(18, 2)) as operating_lease_cost_amount,
        cast(finance_rou_amortization_amount as decimal(18, 2)) as finance_rou_amortization_amount,
        cast(finance_interest_amount as decimal(18, 2)) as finance_interest_amount,
        cast(short_term_lease_cost_amount as decimal(18, 2)) as short_term_lease_cost_amount,
        cast(variable_lease_cost_amount as decimal(18, 2)) as variable_lease_cost_amount,
        cast(
            operating_lease_cost_amount + finance_rou_amortization_amount + finance_interest_amount
            + short_term_lease_cost_amount + variable_lease_cost_amount as decimal(18, 2)
        ) as total_lease_cost_amount,
        cast(non_lease_component_cost_amount as decimal(18, 2)) as non_lease_component_cost_amount,
        cast(modification_gain_loss_amount as decimal(18, 2)) as modification_gain_loss_amount,
        cast(rou_impairment_loss_amount as decimal(18, 2)) as rou_impairment_loss_amount,
        cast(operating_cash_paid_amount as decimal(18, 2)) as operating_cash_paid_amount,
        cast(finance_interest_paid_amount as decimal(18, 2)) as finance_interest_paid_amount,
        cast(finance_principal_paid_amount as decimal(18, 2)) as finance_principal_paid_amount,
        cast(operating_rou_obtained_amount as decimal(18, 2)) as operating_rou_obtained_amount,
        cast(finance_rou_obtained_amount as decimal(18, 2)) as finance_rou_obtained_amount
    from by_year
)

select * from final
