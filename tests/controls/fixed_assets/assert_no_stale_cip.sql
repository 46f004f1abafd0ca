{{ config(severity='warn', meta={
    'control_area': 'fixed_assets',
    'control': 'No capital project is stale: every project more than the policy threshold past its expected in-service date has been accepted or written off',
}) }}
-- Fails with one row per stale capital project (CIP aging beyond policy/fixed_asset_policy.cip_stale_days).
select
    project_id,
    subsidiary_id,
    cip_balance_amount,
    currency_code,
    expected_in_service_date,
    days_past_expected_in_service,
    latest_milestone,
    'CIP project ' || project_id || ' is ' || days_past_expected_in_service
    || ' days past its expected in-service date without acceptance' as failure_reason
from {{ ref('rpt_cip_aging') }}
where is_stale
