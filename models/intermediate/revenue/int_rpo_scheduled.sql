-- One row per contract per future month after the close period in which remaining
-- performance obligations are expected to be recognized: unconsumed commitments of open
-- commit periods, reserved fees of the remaining term and unused prepaid credits (the
-- contract liability, spread evenly to expiry).
with
contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

commit_periods as (
    select * from {{ ref('int_commitments_trued_up') }}
    where not is_period_ended
),

prepaid as (
    select * from {{ ref('int_prepaid_credits_drawn_down') }}
    where period_month = {{ infra_accounting.close_period_month() }} and not is_expiry_month
),

commitment_months as (
    select
        commit_periods.contract_id,
        cast(month_series.period_month as date) as period_month,
        greatest(commit_periods.committed_amount - commit_periods.usage_to_date_amount, 0) as remaining_amount,
        {{ infra_accounting.months_between(
            'greatest(' ~ infra_accounting.close_period_month() ~ ' + interval 1 month, ' ~ infra_accounting.month_start('commit_periods.commit_period_start_date') ~ ')',
            'commit_periods.commit_period_end_date'
        ) }} + 1 as month_count,
        commit_periods.commit_period_number
    from commit_periods
    cross join lateral generate_series(
        greatest(
            {{ infra_accounting.close_period_month() }} + interval 1 month,
            {{ infra_accounting.month_start('commit_periods.commit_period_start_date') }}
        ),
        {{ infra_accounting.month_start('commit_periods.commit_period_end_date') }},
        interval 1 month
    ) as month_series (period_month)
),

commitment_month_shares as (
    select
        *,
        {{ infra_accounting.money_share('remaining_amount', '1', 'month_count') }} as month_share_amount
    from commitment_months
),

commitment_rpo as (
    select
        contract_id,
        period_month,
        'unconsumed_commitment' as obligation_type,
        {{ infra_accounting.allocate_money(
            'remaining_amount', 'month_share_amount', 'contract_id, commit_period_number', 'period_month'
        ) }} as rpo_amount
    from commitment_month_shares
),

reserved_rpo as (
    select
        contracts.contract_id,
        cast(month_series.period_month as date) as period_month,
        'reserved_fee' as obligation_type,
        contracts.reserved_fee as rpo_amount
    from contracts
    cross join
        lateral generate_series(
            greatest({{ infra_accounting.close_period_month() }} + interval 1 month, contracts.start_month),
            contracts.end_month,
            interval 1 month
        ) as month_series (period_month)
    where contracts.contract_type = 'reserved_capacity' and contracts.reserved_fee is not null
),

prepaid_months as (
    select
        prepaid.contract_id,
        cast(month_series.period_month as date) as period_month,
        prepaid.prepaid_credit_amount - prepaid.drawdown_cumulative_amount - prepaid.breakage_cumulative_amount
            as remaining_amount,
        {{ infra_accounting.months_between(infra_accounting.close_period_month(), 'prepaid.credit_expiry_date') }} as month_count
    from prepaid
    cross join lateral generate_series(
        {{ infra_accounting.close_period_month() }} + interval 1 month,
        {{ infra_accounting.month_start('prepaid.credit_expiry_date') }},
        interval 1 month
    ) as month_series (period_month)
),

prepaid_month_shares as (
    select
        *,
        {{ infra_accounting.money_share('remaining_amount', '1', 'month_count') }} as month_share_amount
    from prepaid_months
),

prepaid_rpo as (
    select
        contract_id,
        period_month,
        'unused_prepaid_credits' as obligation_type,
        {{ infra_accounting.allocate_money('remaining_amount', 'month_share_amount', 'contract_id', 'period_month') }} as rpo_amount
    from prepaid_month_shares
),

final as (
    select * from commitment_rpo
    union all
    select * from reserved_rpo
    union all
    select * from prepaid_rpo
)

select * from final
