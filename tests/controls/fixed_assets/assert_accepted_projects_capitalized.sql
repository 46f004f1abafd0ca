{{ config(severity='warn', meta={
    'control_area': 'fixed_assets',
    'control': 'Every capital project accepted by the close period end has been capitalized: its cost left CIP and depreciates from the acceptance date',
}) }}
-- Fails with one row per accepted project whose cost is still in CIP after the acceptance
-- month's close (plus policy grace days): depreciation is understated from the acceptance date.
select
    project_id,
    subsidiary_id,
    accepted_date,
    cip_balance_amount,
    currency_code,
    'Project ' || project_id || ' was accepted on ' || strftime(accepted_date, '%Y-%m-%d')
    || ' but ' || cast(cip_balance_amount as varchar) || ' ' || currency_code || ' is still in CIP' as failure_reason
from {{ ref('rpt_cip_aging') }}
where is_accepted_not_capitalized
