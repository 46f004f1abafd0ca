{{ config(
    severity='error',
    meta={'control_area': 'leases', 'control': 'The lease journals post exactly the lease schedule: ROU asset and lease liability accounts equal the schedule balances at the close period, per entity'}
) }}
-- Fails per subsidiary and balance when the cumulative journal lines up to the close period on
-- the ROU accounts (1700, 1710, 1711) or the lease liability accounts (2300, 2310, 2400, 2410)
-- differ from the schedule's closing balances at the close period.
with
account_map as (select * from {{ ref('stg_policy__lease_account_map') }}),

journal_lines as (select * from {{ ref('int_lease_journal_lines') }}),

schedule as (
    select * from {{ ref('fct_lease_schedule') }}
    where is_close_period
),

balance_accounts as (
    select distinct
        account_number,
        account_role
    from account_map
    where account_role in ('rou_asset', 'rou_accumulated_amortization', 'liability_current', 'liability_noncurrent')
),

account_balances as (
    select
        journal_lines.subsidiary_id,
        case
            when account_map.account_role in ('rou_asset', 'rou_accumulated_amortization') then 'rou_asset'
            else 'lease_liability'
        end as balance_name,
        sum(journal_lines.debit_amount - journal_lines.credit_amount) as journal_amount
    from journal_lines
    inner join balance_accounts as account_map on journal_lines.account_number = account_map.account_number
    group by all
),

schedule_balances as (
    select
        subsidiary_id,
        'rou_asset' as balance_name,
        sum(rou_closing_amount) as schedule_amount
    from schedule
    group by subsidiary_id
    union all
    select
        subsidiary_id,
        'lease_liability' as balance_name,
        -sum(liability_closing_amount) as schedule_amount
    from schedule
    group by subsidiary_id
),

compared as (
    select
        coalesce(account_balances.subsidiary_id, schedule_balances.subsidiary_id) as subsidiary_id,
        coalesce(account_balances.balance_name, schedule_balances.balance_name) as balance_name,
        coalesce(account_balances.journal_amount, 0) as journal_amount,
        coalesce(schedule_balances.schedule_amount, 0) as schedule_amount
    from account_balances
    full outer join schedule_balances
        on
            account_balances.subsidiary_id = schedule_balances.subsidiary_id
            and account_balances.balance_name = schedule_balances.balance_name
)

select
    *,
    journal_amount - schedule_amount as difference_amount
from compared
where journal_amount <> schedule_amount
