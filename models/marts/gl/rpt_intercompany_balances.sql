-- One row per subsidiary per intercompany account (1900 receivable, 2900 payable) per month
-- up to the close month: the balance in the functional currency and in USD, and the month's
-- net of all intercompany balances in USD across the group - what an elimination would
-- remove; a net other than zero is the part that does not eliminate (a loan denominated in
-- the borrower's currency that the lender has not remeasured, ASC 830-20-35-1, or a
-- one-sided posting). Intercompany is shown, not eliminated, in rpt_consolidated_trial_balance.
with
trial_balance as (select * from {{ ref('rpt_trial_balance') }}),

intercompany as (
    select
        subsidiary_id,
        account_number,
        account_name,
        period_month,
        is_close_period,
        currency_code,
        closing_balance_amount,
        closing_balance_usd_amount
    from trial_balance
    where account_number in ('1900', '2900')
),

final as (
    select
        *,
        {{ infra_accounting.money('sum(closing_balance_usd_amount) over (
            partition by period_month
            rows between unbounded preceding and unbounded following
        )') }} as group_net_usd_amount
    from intercompany
)

select * from final
