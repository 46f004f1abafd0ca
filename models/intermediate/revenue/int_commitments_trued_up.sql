-- One row per committed-spend contract per commit period (each month, contract year or the
-- whole term): the commitment, usage rated in the period and the shortfall true-up,
-- recognized in the last month of the period once it has ended (DECISIONLOG R-003).
with
contracts as (
    select * from {{ ref('int_revenue_contracts_enriched') }}
    where contract_type = 'committed_spend' and committed_amount is not null and end_date is not null
),

usage_monthly as (select * from {{ ref('int_contract_usage_summed_monthly') }}),

period_index as (
    select
        contracts.contract_id,
        contracts.committed_amount,
        contracts.commit_period,
        contracts.start_date,
        contracts.end_date,
        periods.period_number
    from contracts
    cross join lateral generate_series(
        0,
        case contracts.commit_period
            when 'monthly' then contracts.term_months - 1
            when 'annual' then greatest(contracts.term_months // 12 - 1, 0)
            else 0
        end
    ) as periods (period_number)
),

commit_periods as (
    select
        contract_id,
        committed_amount,
        commit_period,
        period_number + 1 as commit_period_number,
        case commit_period
            when 'monthly' then {{ infra_accounting.month_start(infra_accounting.add_months('start_date', 'period_number')) }}
            when 'annual' then {{ infra_accounting.add_months('start_date', 'period_number * 12') }}
            else start_date
        end as commit_period_start_date,
        case commit_period
            when 'monthly' then last_day({{ infra_accounting.add_months('start_date', 'period_number') }})
            when 'annual' then least({{ infra_accounting.add_months('start_date', '(period_number + 1) * 12') }} - 1, end_date)
            else end_date
        end as commit_period_end_date
    from period_index
),

period_usage as (
    select
        commit_periods.contract_id,
        commit_periods.commit_period_number,
        coalesce(sum(usage_monthly.rated_amount) filter (
            where usage_monthly.period_month <= {{ infra_accounting.close_period_month() }}
        ), 0) as usage_to_date_amount
    from commit_periods
    left join usage_monthly
        on commit_periods.contract_id = usage_monthly.contract_id
            and usage_monthly.period_month >= {{ infra_accounting.month_start('commit_periods.commit_period_start_date') }}
            and usage_monthly.period_month <= {{ infra_accounting.month_start('commit_periods.commit_period_end_date') }}
    group by commit_periods.contract_id, commit_periods.commit_period_number
),

final as (
    select
        commit_periods.contract_id,
        commit_periods.commit_period,
        commit_periods.commit_period_number,
        commit_periods.commit_period_start_date,
        commit_periods.commit_period_end_date,
        {{ infra_accounting.month_start('commit_periods.commit_period_end_date') }} as true_up_month,
        commit_periods.committed_amount,
        cast(period_usage.usage_to_date_amount as decimal(18, 2)) as usage_to_date_amount,
        {{ infra_accounting.month_start('commit_periods.commit_period_end_date') }}
        <= {{ infra_accounting.close_period_month() }} as is_period_ended,
        cast(greatest(commit_periods.committed_amount - period_usage.usage_to_date_amount, 0) as decimal(18, 2))
            as shortfall_amount
    from commit_periods
    inner join period_usage
        on commit_periods.contract_id = period_usage.contract_id
            and commit_periods.commit_period_number = period_usage.commit_period_number
)

select * from final
