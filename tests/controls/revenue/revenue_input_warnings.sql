{%- set control_text -%}
Contracts rated at list price less discount because they have no negotiated rates, and overlapping
contracts, are listed for review.
{%- endset -%}
{{ config(severity='warn', meta={'control_area': 'revenue', 'control': control_text | replace('\n', ' ')}) }}
-- Lists each input warning of the revenue subledger.
select
    exception_type,
    extract_name,
    record_id,
    customer_id,
    contract_id,
    exception_reason
from {{ ref('int_revenue_exceptions') }}
where exception_severity = 'warn'
