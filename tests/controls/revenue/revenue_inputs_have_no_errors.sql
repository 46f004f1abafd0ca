{%- set control_text -%}
Every usage record, contract and invoice the revenue subledger reads can be rated and recognized:
usage for unknown customers or SKUs, rejected extract rows (negative quantity, unknown currency),
contracts missing their commercial terms and invoices without a CRM contract stop the close.
{%- endset -%}
{{ config(severity='error', meta={'control_area': 'revenue', 'control': control_text | replace('\n', ' ')}) }}
-- Fails with one row per input problem of severity error, with its reason.
select
    exception_type,
    extract_name,
    record_id,
    customer_id,
    contract_id,
    exception_reason
from {{ ref('int_revenue_exceptions') }}
where exception_severity = 'error'
