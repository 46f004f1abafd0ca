-- One row per contract per SKU per billing month through the close period: metered usage
-- received for the month's invoice, rated at the contract price, against the usage billed on
-- the invoice (quantity, amount and unit price - the CRM-to-billing tie-out), with a status.
-- Documented items: prepaid credits drawn down (not invoiced), usage included in a reserved
-- fee (rated at zero), the close month's usage (invoiced after the close) and a one-cent
-- difference from the billing system rounding the line half-to-even.
with
usage_summed as (
    select * from {{ ref('int_usage_records_summed') }}
    where
        rating_status = 'rated'
        and billing_month <= {{ infra_accounting.close_period_month() }}
),

invoice_lines as (
    select * from {{ ref('int_invoice_lines_classified') }}
    where line_type = 'usage'
),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

metered as (
    select
        contract_id,
        sku,
        billing_month,
        max(unit_price) as contract_unit_price,
        sum(usage_quantity) as metered_quantity,
        coalesce(sum(usage_quantity) filter (where billing_month > usage_month), 0) as late_usage_quantity
    from usage_summed
    group by contract_id, sku, billing_month
),

billed as (
    select
        contract_id,
        sku,
        {{ infra_accounting.month_start('coalesce(service_period_end_date, invoice_date - 1)') }} as billing_month,
        bool_and(has_crm_contract) as has_crm_contract,
        {{ infra_accounting.sorted_distinct_list('invoice_id') }} as invoice_ids,
        sum(billed_quantity) as billed_quantity,
        sum(billed_amount) as billed_amount,
        max(billed_unit_price) as billed_unit_price,
        min(billed_unit_price) as billed_unit_price_minimum
    from invoice_lines
    group by all
),

invoiced_contracts as (
    select distinct contract_id from invoice_lines
),

compared as (
    select
        coalesce(metered.contract_id, billed.contract_id) as contract_id,
        coalesce(metered.sku, billed.sku) as sku,
        coalesce(metered.billing_month, billed.billing_month) as billing_month,
        contracts.contract_type,
        contracts.customer_id,
        contracts.subsidiary_id,
        contracts.currency_code,
        billed.invoice_ids,
        coalesce(billed.has_crm_contract, true) as has_crm_contract,
        invoiced_contracts.contract_id is not null as contract_has_invoices,
        metered.contract_unit_price,
        billed.billed_unit_price,
        billed.billed_unit_price_minimum,
        cast(coalesce(metered.metered_quantity, 0) as decimal(18, 4)) as metered_quantity,
        cast(coalesce(metered.late_usage_quantity, 0) as decimal(18, 4)) as late_usage_quantity,
        cast(coalesce(billed.billed_quantity, 0) as decimal(18, 4)) as billed_quantity,
        coalesce(
            {{ infra_accounting.money_product('metered.metered_quantity', 'metered.contract_unit_price') }}, 0
        ) as rated_amount,
        cast(coalesce(billed.billed_amount, 0) as decimal(18, 2)) as billed_amount,
        metered.contract_id is not null as has_metered_usage,
        billed.contract_id is not null as has_billed_usage
    from metered
    full outer join billed
        on metered.contract_id = billed.contract_id
            and metered.sku = billed.sku
            and metered.billing_month = billed.billing_month
    left join contracts on coalesce(metered.contract_id, billed.contract_id) = contracts.contract_id
    left join invoiced_contracts on coalesce(metered.contract_id, billed.contract_id) = invoiced_contracts.contract_id
),

final as (
    select
        *,
        cast(billed_quantity - metered_quantity as decimal(18, 4)) as quantity_difference,
        cast(billed_amount - rated_amount as decimal(18, 2)) as amount_difference,
        case
            when not has_crm_contract then 'invoice_without_contract'
            when contract_type = 'prepaid_credits' then 'documented_prepaid_credits_drawdown'
            when not has_billed_usage and billing_month = {{ infra_accounting.close_period_month() }}
                then 'documented_invoiced_after_close'
            when not has_billed_usage and rated_amount = 0 and contract_type = 'reserved_capacity'
                then 'documented_included_in_reserved_fee'
            when not has_billed_usage and not contract_has_invoices then 'contract_without_invoice'
            when not has_billed_usage then 'usage_not_billed'
            when not has_metered_usage then 'billed_without_usage'
            when billed_unit_price <> contract_unit_price or billed_unit_price_minimum <> contract_unit_price
                then 'price_differs_from_contract_rate'
            when billed_quantity <> metered_quantity then 'quantity_difference'
            when abs(billed_amount - rated_amount) <= 0.01 and billed_amount <> rated_amount
                then 'documented_rounding_difference'
            when billed_amount <> rated_amount then 'amount_difference'
            else 'matched'
        end as reconciliation_status
    from compared
)

select * from final
