-- One row per asset event that cannot be booked, with the reason: events that break the
-- fixed-asset rules (int_fixed_asset_events_validated) and asset-event rows the staging
-- contract rejected (unknown entity, location or asset, bad amounts...), so the
-- fixed-asset team sees every problem event in one list.
with
validated_events as (select * from {{ ref('int_fixed_asset_events_validated') }}),

extract_exceptions as (select * from {{ ref('stg_extract_exceptions') }}),

rule_exceptions as (
    select
        event_id,
        asset_id,
        event_type,
        event_date,
        'fixed_asset_rules' as exception_source,
        exception_reason
    from validated_events
    where exception_reason is not null
),

contract_exceptions as (
    select
        row_key as event_id,
        json_extract_string(raw_row_json, '$.asset_id') as asset_id,
        json_extract_string(raw_row_json, '$.event_type') as event_type,
        try_cast(json_extract_string(raw_row_json, '$.event_date') as date) as event_date,
        'extract_contract' as exception_source,
        exception_reason
    from extract_exceptions
    where extract_name = 'erp/asset_events'
),

final as (
    select * from rule_exceptions
    union all
    select * from contract_exceptions
)

select * from final
