-- One row per invoice line with the revenue line it bills (the SKU for usage, a pseudo-SKU
-- for the fixed elements), its billing month and whether its contract exists in the CRM.
with
invoice_lines as (select * from {{ ref('stg_erp__invoice_lines') }}),

invoices as (select * from {{ ref('stg_erp__invoices') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

final as (
    select
        invoice_lines.invoice_line_id,
        invoice_lines.invoice_id,
        invoice_lines.line_number,
        invoice_lines.line_type,
        invoices.contract_id,
        invoices.customer_id,
        invoices.subsidiary_id,
        invoices.currency_code,
        invoices.invoice_date,
        {{ infra_accounting.month_start('invoices.invoice_date') }} as billing_month,
        invoice_lines.service_period_start_date,
        invoice_lines.service_period_end_date,
        case invoice_lines.line_type
            when 'usage' then invoice_lines.sku
            when 'reserved_fee' then 'RESERVED-FEE'
            when 'commitment_true_up' then 'COMMIT-TRUE-UP'
            when 'prepaid_credits' then 'PREPAID-CREDITS'
        end as sku,
        coalesce(invoice_lines.quantity, 0) as billed_quantity,
        invoice_lines.unit_price as billed_unit_price,
        invoice_lines.amount as billed_amount,
        contracts.contract_id is not null as has_crm_contract
    from invoice_lines
    inner join invoices on invoice_lines.invoice_id = invoices.invoice_id
    left join contracts on invoices.contract_id = contracts.contract_id
)

select * from final
