{{ config(severity='error', meta={
    'control_area': 'fixed_assets',
    'control': 'Every asset event in the extract can be booked: none is dated before the asset was in service, disposes of more than its remaining cost, follows its disposal or transfers to an unknown entity',
}) }}
-- Fails with one row per asset event that cannot be booked, with the reason.
select * from {{ ref('int_fixed_asset_event_exceptions') }}
