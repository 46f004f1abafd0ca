{{ config(severity='error', meta={
    'control_area': 'fixed_assets',
    'control': 'Every write-off of construction in progress can be booked: its project exists and it does not write off more than the project has in CIP',
}) }}
-- Fails with one row per CIP write-off that cannot be booked, with the reason: rule breaks
-- (int_cip_write_offs_validated) and rows the extract contract rejected.
with
rule_exceptions as (
    select
        write_off_id,
        project_id,
        write_off_date,
        'fixed_asset_rules' as exception_source,
        exception_reason
    from {{ ref('int_cip_write_offs_validated') }}
    where exception_reason is not null
),

contract_exceptions as (
    select
        row_key as write_off_id,
        json_extract_string(raw_row_json, '$.project_id') as project_id,
        try_cast(json_extract_string(raw_row_json, '$.write_off_date') as date) as write_off_date,
        'extract_contract' as exception_source,
        exception_reason
    from {{ ref('stg_extract_exceptions') }}
    where extract_name = 'infra/capital_project_write_offs'
)

select * from rule_exceptions
union all
select * from contract_exceptions
