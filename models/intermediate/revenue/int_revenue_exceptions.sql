-- One row per input problem the revenue subledger found: usage that cannot be rated, extract
-- rows of the revenue extracts rejected in staging (negative quantity, unknown currency ...),
-- contracts without negotiated rates or without the terms their type needs, overlapping
-- contracts and invoices whose contract is not in the CRM. Severity error stops the close.
with
unrated_usage_records as (select * from {{ ref('int_usage_records_unrated') }}),

extract_exceptions as (select * from {{ ref('stg_extract_exceptions') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

contract_rates as (select * from {{ ref('stg_crm__contract_rates') }}),

invoices as (select * from {{ ref('stg_erp__invoices') }}),

unrated_usage as (
    select
        'usage_not_rated' as exception_type,
        'metering/usage' as extract_name,
        usage_id as record_id,
        customer_id,
        cast(null as varchar) as contract_id,
        'error' as exception_severity,
        case rating_status
            when 'unknown_customer' then 'Usage for customer ' || customer_id || ' who is not in the ERP customer master'
            when 'unknown_sku' then 'Usage for SKU ' || sku || ' which is not in the SKU price list'
            else 'Usage on ' || strftime(usage_date, '%Y-%m-%d') || ' for customer ' || customer_id
                || ' with no contract active on that day'
        end as exception_reason
    from unrated_usage_records
),

rejected_extract_rows as (
    select
        'extract_row_rejected' as exception_type,
        extract_name,
        row_key as record_id,
        cast(null as varchar) as customer_id,
        cast(null as varchar) as contract_id,
        exception_severity,
        exception_reason
    from extract_exceptions
    where extract_name in (
            'crm/contracts', 'crm/contract_rates', 'metering/usage', 'metering/skus', 'erp/customers',
            'erp/invoices', 'erp/invoice_lines', 'erp/payments', 'erp/payment_applications',
            'bank/bank_transactions', 'policy/revenue_policy'
        )
),

contracts_without_rates as (
    select
        'contract_without_rates' as exception_type,
        'crm/contract_rates' as extract_name,
        contracts.contract_id as record_id,
        contracts.customer_id,
        contracts.contract_id,
        'warn' as exception_severity,
        'Contract has no negotiated rates: usage is rated at list price less the contract discount of '
        || coalesce(cast(contracts.discount_pct as varchar), '0 (no discount given)') as exception_reason
    from contracts
    where not exists (
            select 1 from contract_rates
            where contract_rates.contract_id = contracts.contract_id
        )
),

contracts_missing_terms as (
    select
        'contract_missing_terms' as exception_type,
        'crm/contracts' as extract_name,
        contract_id as record_id,
        customer_id,
        contract_id,
        'error' as exception_severity,
        case
            when contract_type = 'committed_spend'
                then 'Committed-spend contract without committed_amount, commit_period or end_date: no true-up can be computed'
            when contract_type = 'prepaid_credits'
                then 'Prepaid-credits contract without prepaid_credit_amount: credits cannot be drawn down'
            else 'Reserved-capacity contract without reserved_fee: the fixed fee cannot be recognized'
        end as exception_reason
    from contracts
    where (contract_type = 'committed_spend' and (committed_amount is null or commit_period is null or end_date is null))
        or (contract_type = 'prepaid_credits' and prepaid_credit_amount is null)
        or (contract_type = 'reserved_capacity' and reserved_fee is null)
),

overlapping_contracts as (
    select
        'overlapping_contracts' as exception_type,
        'crm/contracts' as extract_name,
        contract_id as record_id,
        customer_id,
        contract_id,
        'warn' as exception_severity,
        'Contract overlaps the customer''s next contract: usage from the next start date is rated on the next contract'
            as exception_reason
    from contracts
    where overlaps_next_contract
),

invoices_without_contract as (
    select
        'invoice_without_contract' as exception_type,
        'erp/invoices' as extract_name,
        invoices.invoice_id as record_id,
        invoices.customer_id,
        invoices.contract_id,
        'error' as exception_severity,
        'Invoice ' || invoices.invoice_id || ' bills contract ' || coalesce(invoices.contract_id, '(none)')
        || ' which is not in the CRM' as exception_reason
    from invoices
    left join contracts on invoices.contract_id = contracts.contract_id
    where contracts.contract_id is null
),

final as (
    select * from unrated_usage
    union all
    select * from rejected_extract_rows
    union all
    select * from contracts_without_rates
    union all
    select * from contracts_missing_terms
    union all
    select * from overlapping_contracts
    union all
    select * from invoices_without_contract
)

select * from final
