-- One row per raw extract row that breaks the extract contract, with the reasons.
-- Every extract of macros/contracts is checked; the staged models hold the other rows.
{%- set contract = infra_accounting.extract_contract() %}
with
rejected_rows as (
    {%- for qualified_name, spec in contract.items() %}
        {{ infra_accounting.rejected_extract_rows(spec.source, spec.extract) }}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
),

final as (
    select
        extract_name,
        source_row_number,
        row_key,
        exception_severity,
        exception_reason,
        raw_row_json
    from rejected_rows
)

select * from final
