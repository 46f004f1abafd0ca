-- One row per scope (each subsidiary in its functional currency, and CONSOLIDATED in USD),
-- account and comparison (mom: the close month vs the month before, qoq: vs three months
-- before, yoy: vs twelve months before): the close month's and the comparison month's
-- amount (month activity for P&L accounts, closing balance for balance-sheet accounts),
-- the variance, its percentage, the threshold that applies (per-account override, else
-- the default of the comparison) and whether it is breached.
with
trial_balance as (select * from {{ ref('rpt_trial_balance') }}),

thresholds as (select * from {{ ref('stg_policy__flux_thresholds') }}),

comparison_lengths as (
    select
        'mom' as comparison,
        1 as months_back
    union all
    select
        'qoq' as comparison,
        3 as months_back
    union all
    select
        'yoy' as comparison,
        12 as months_back
),

comparisons as (
    select
        comparison,
        {{ infra_accounting.close_period_month() }} as current_month,
        {{ infra_accounting.add_months(infra_accounting.close_period_month(), '-months_back') }} as comparison_month
    from comparison_lengths
),

entity_amounts as (
    select
        subsidiary_id as scope_id,
        account_number,
        account_name,
        is_income_statement,
        currency_code,
        period_month,
        case when is_income_statement then net_activity_amount else closing_balance_amount end as amount
    from trial_balance
),

consolidated_amounts as (
    select
        'CONSOLIDATED' as scope_id,
        account_number,
        account_name,
        is_income_statement,
        '{{ var("reporting_currency_code") }}' as currency_code,
        period_month,
        sum(
            case
                when is_income_statement
                    then {{ infra_accounting.money('cast(net_activity_amount as decimal(38, 2)) * translation_rate') }}
                else closing_balance_usd_amount
            end
        ) as amount
    from trial_balance
    group by all
),

amounts as (
    select * from entity_amounts
    union all
    select * from consolidated_amounts
),

compared as (
    select
        amounts.scope_id,
        amounts.account_number,
        amounts.account_name,
        amounts.is_income_statement,
        amounts.currency_code,
        comparisons.comparison,
        comparisons.current_month,
        comparisons.comparison_month,
        coalesce(sum(amounts.amount) filter (where amounts.period_month = comparisons.current_month), 0) as current_amount,
        coalesce(sum(amounts.amount) filter (where amounts.period_month = comparisons.comparison_month), 0) as comparison_amount
    from amounts
    inner join comparisons
        on amounts.period_month in (comparisons.current_month, comparisons.comparison_month)
    group by all
),

with_thresholds as (
    select
        compared.*,
        compared.current_amount - compared.comparison_amount as variance_amount,
        case
            when compared.comparison_amount <> 0
                then {{ infra_accounting.rate('(compared.current_amount - compared.comparison_amount) / abs(compared.comparison_amount)') }}
        end as variance_pct,
        coalesce(account_thresholds.threshold_id, default_thresholds.threshold_id) as threshold_id,
        coalesce(account_thresholds.threshold_mode, default_thresholds.threshold_mode) as threshold_mode,
        coalesce(account_thresholds.threshold_amount, default_thresholds.threshold_amount) as threshold_amount,
        coalesce(account_thresholds.threshold_pct, default_thresholds.threshold_pct) as threshold_pct
    from compared
    left join thresholds as account_thresholds
        on
            compared.account_number = account_thresholds.account_number
            and compared.comparison = account_thresholds.comparison
    left join thresholds as default_thresholds
        on
            default_thresholds.account_number is null
            and compared.comparison = default_thresholds.comparison
),

breaches as (
    select
        *,
        coalesce(abs(variance_amount) >= threshold_amount, false) as is_amount_breach,
        -- a change from zero is an infinite percentage: it breaches any percentage threshold
        variance_amount <> 0 and coalesce(variance_pct is null or abs(variance_pct) >= threshold_pct, false) as is_pct_breach
    from with_thresholds
),

final as (
    select
        *,
        case threshold_mode
            when 'amount_and_pct' then is_amount_breach and is_pct_breach
            when 'amount_or_pct' then is_amount_breach or is_pct_breach
            when 'amount_only' then is_amount_breach
            when 'pct_only' then is_pct_breach
            else false
        end as is_breach
    from breaches
)

select * from final
