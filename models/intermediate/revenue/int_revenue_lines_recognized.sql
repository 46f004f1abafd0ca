-- One row per contract per revenue line (SKU, or RESERVED-FEE / COMMIT-TRUE-UP /
-- PREPAID-CREDITS) per month through the close period: usage consumed and the revenue and
-- breakage recognized under the contract type's rule.
with
contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

usage_monthly as (
    select * from {{ ref('int_contract_usage_summed_monthly') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

true_ups as (select * from {{ ref('int_commitments_trued_up') }}),

prepaid as (select * from {{ ref('int_prepaid_credits_drawn_down') }}),

usage_with_type as (
    select
        usage_monthly.*,
        contracts.contract_type,
        sum(usage_monthly.rated_amount) over (
            partition by usage_monthly.contract_id, usage_monthly.period_month
            rows between unbounded preceding and unbounded following
        ) as contract_month_rated_amount
    from usage_monthly
    inner join contracts on usage_monthly.contract_id = contracts.contract_id
),

-- a prepaid contract's overage of the month, shared over its SKUs by rated amount (the
-- share is computed for prepaid contracts only: the other contracts recognize as rated)
usage_with_overage_shares as (
    select
        usage_with_type.*,
        coalesce(prepaid.overage_amount, 0) as overage_amount,
        case
            when usage_with_type.contract_type = 'prepaid_credits'
                then {{ infra_accounting.money_share(
                    'coalesce(prepaid.overage_amount, 0)',
                    'usage_with_type.rated_amount',
                    'usage_with_type.contract_month_rated_amount'
                ) }}
        end as overage_share_amount
    from usage_with_type
    left join prepaid
        on usage_with_type.contract_id = prepaid.contract_id
            and usage_with_type.period_month = prepaid.period_month
),

usage_lines as (
    select
        contract_id,
        sku,
        'usage' as revenue_line_type,
        period_month,
        usage_quantity,
        rated_amount,
        case
            when contract_type = 'prepaid_credits'
                then {{ infra_accounting.allocate_money(
                    'overage_amount', 'overage_share_amount', 'contract_id, period_month', 'sku'
                ) }}
            else rated_amount
        end as revenue_amount,
        cast(0 as decimal(18, 2)) as breakage_amount
    from usage_with_overage_shares
),

true_up_lines as (
    select
        contract_id,
        'COMMIT-TRUE-UP' as sku,
        'commitment_true_up' as revenue_line_type,
        true_up_month as period_month,
        cast(0 as decimal(18, 4)) as usage_quantity,
        cast(0 as decimal(18, 2)) as rated_amount,
        shortfall_amount as revenue_amount,
        cast(0 as decimal(18, 2)) as breakage_amount
    from true_ups
    where is_period_ended and shortfall_amount > 0
),

reserved_lines as (
    select
        contracts.contract_id,
        'RESERVED-FEE' as sku,
        'reserved_fee' as revenue_line_type,
        cast(month_series.period_month as date) as period_month,
        cast(0 as decimal(18, 4)) as usage_quantity,
        cast(0 as decimal(18, 2)) as rated_amount,
        contracts.reserved_fee as revenue_amount,
        cast(0 as decimal(18, 2)) as breakage_amount
    from contracts
    cross join
        lateral generate_series(
            contracts.start_month,
            least(coalesce(contracts.end_month, {{ infra_accounting.close_period_month() }}), {{ infra_accounting.close_period_month() }}),
            interval 1 month
        ) as month_series (period_month)
    where contracts.contract_type = 'reserved_capacity' and contracts.reserved_fee is not null
),

prepaid_lines as (
    select
        contract_id,
        'PREPAID-CREDITS' as sku,
        'prepaid_credits' as revenue_line_type,
        period_month,
        cast(0 as decimal(18, 4)) as usage_quantity,
        cast(0 as decimal(18, 2)) as rated_amount,
        drawdown_revenue_amount as revenue_amount,
        breakage_amount
    from prepaid
),

final as (
    select * from usage_lines
    union all
    select * from true_up_lines
    union all
    select * from reserved_lines
    union all
    select * from prepaid_lines
)

select * from final
