-- One row per contract per SKU (or fixed-element pseudo-SKU) per month through the close
-- period: usage, billing, revenue, breakage and the closing contract balances.
with
contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

recognized as (select * from {{ ref('int_revenue_lines_recognized') }}),

billed_lines as (
    select * from {{ ref('int_invoice_lines_classified') }}
    where has_crm_contract and billing_month <= {{ infra_accounting.close_period_month() }}
),

billed as (
    select
        contract_id,
        sku,
        billing_month as period_month,
        min(line_type) as revenue_line_type,
        sum(billed_amount) as billed_amount
    from billed_lines
    group by contract_id, sku, billing_month
),

line_months as (
    select
        coalesce(recognized.contract_id, billed.contract_id) as contract_id,
        coalesce(recognized.sku, billed.sku) as sku,
        coalesce(recognized.period_month, billed.period_month) as period_month,
        coalesce(recognized.revenue_line_type, billed.revenue_line_type) as revenue_line_type,
        coalesce(recognized.usage_quantity, 0) as usage_quantity,
        coalesce(billed.billed_amount, 0) as billed_amount,
        coalesce(recognized.revenue_amount, 0) as revenue_amount,
        coalesce(recognized.breakage_amount, 0) as breakage_amount
    from recognized
    full outer join billed
        on recognized.contract_id = billed.contract_id
            and recognized.sku = billed.sku
            and recognized.period_month = billed.period_month
),

with_balances as (
    select
        line_months.*,
        sum(line_months.billed_amount - line_months.revenue_amount - line_months.breakage_amount) over (
            partition by line_months.contract_id, line_months.sku order by line_months.period_month
            rows between unbounded preceding and current row
        ) as net_position_amount
    from line_months
),

final as (
    select
        with_balances.contract_id,
        contracts.customer_id,
        contracts.subsidiary_id,
        contracts.contract_type,
        contracts.currency_code,
        with_balances.sku,
        with_balances.revenue_line_type,
        with_balances.period_month,
        cast(with_balances.usage_quantity as decimal(18, 4)) as usage_quantity,
        cast(with_balances.billed_amount as decimal(18, 2)) as billed_amount,
        cast(with_balances.revenue_amount as decimal(18, 2)) as revenue_amount,
        cast(with_balances.breakage_amount as decimal(18, 2)) as breakage_amount,
        cast(greatest(with_balances.net_position_amount, 0) as decimal(18, 2)) as deferred_revenue_closing_amount,
        cast(greatest(-with_balances.net_position_amount, 0) as decimal(18, 2)) as unbilled_receivable_closing_amount,
        case
            when with_balances.revenue_line_type = 'usage' then contracts.usage_revenue_account
            else contracts.fixed_revenue_account
        end as revenue_account_number
    from with_balances
    inner join contracts on with_balances.contract_id = contracts.contract_id
)

select * from final
