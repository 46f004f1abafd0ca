{%- set control_text -%}
Revenue recognized on a contract never exceeds its transaction price to date (fixed consideration
plus usage consideration, net of promotional credits).
{%- endset -%}
{{ config(severity='error', meta={'control_area': 'revenue', 'control': control_text | replace('\n', ' ')}) }}
-- Fails with each contract whose revenue and breakage to date exceed its transaction price.
select
    contract_id,
    contract_type,
    currency_code,
    transaction_price_to_date_amount,
    recognized_to_date_amount,
    recognized_to_date_amount - transaction_price_to_date_amount as excess_amount
from {{ ref('dim_revenue_contracts') }}
where recognized_to_date_amount > transaction_price_to_date_amount
