{{ config(meta={
    'control_area': 'gl',
    'control': 'Assets equal liabilities plus equity (with the year-to-date result) per entity and consolidated, every month',
}) }}
-- Fails with one row per entity (or CONSOLIDATED) and month where assets do not equal
-- liabilities plus equity plus the fiscal year-to-date net income.
with
trial_balance as (select * from {{ ref('rpt_trial_balance') }}),

entity_sides as (
    select
        subsidiary_id,
        period_month,
        sum(case when account_type in (
                    'bank', 'accounts_receivable', 'other_current_asset', 'fixed_asset', 'other_asset'
                ) then closing_balance_amount
            else 0
        end) as assets_amount,
        -sum(case when account_type in (
                    'accounts_payable', 'other_current_liability', 'long_term_liability', 'credit_card'
                ) then closing_balance_amount
            else 0
        end) as liabilities_amount,
        -sum(case when account_type = 'equity' then closing_balance_amount else 0 end) as equity_amount,
        -sum(case when is_income_statement then closing_balance_amount else 0 end) as net_income_amount,
        sum(case when account_type in (
                    'bank', 'accounts_receivable', 'other_current_asset', 'fixed_asset', 'other_asset'
                ) then closing_balance_usd_amount
            else 0
        end) as assets_usd_amount,
        -sum(case when account_type not in (
                    'bank', 'accounts_receivable', 'other_current_asset', 'fixed_asset', 'other_asset'
                ) then closing_balance_usd_amount
            else 0
        end) as liabilities_equity_usd_amount
    from trial_balance
    group by all
),

consolidated_sides as (
    select
        'CONSOLIDATED' as subsidiary_id,
        period_month,
        0 as assets_amount,
        0 as liabilities_amount,
        0 as equity_amount,
        0 as net_income_amount,
        sum(assets_usd_amount) as assets_usd_amount,
        sum(liabilities_equity_usd_amount) as liabilities_equity_usd_amount
    from entity_sides
    group by all
),

final as (
    select * from entity_sides
    union all
    select * from consolidated_sides
)

select * from final
where
    assets_amount <> liabilities_amount + equity_amount + net_income_amount
    or assets_usd_amount <> liabilities_equity_usd_amount
