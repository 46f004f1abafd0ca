{{ config(severity='warn', meta={
    'control_area': 'fixed_assets',
    'control': 'Every impairment loss indicated by an ASC 360 recoverability test is booked as an impairment event of the asset on the test date',
}) }}
-- Fails with one row per asset whose allocated impairment loss differs from the impairment
-- booked in erp/asset_events on the test date.
select
    impairment_test_id,
    asset_group_id,
    asset_id,
    test_date,
    allocated_loss_amount,
    booked_loss_amount,
    currency_code
from {{ ref('rpt_impairment_test') }}
where not is_loss_booked
