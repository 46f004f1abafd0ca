-- One row per subledger document and month of the extracts staged whole at every close:
-- customer invoices (AR, the invoice month, at its average rate) and, per capital project,
-- capex billed (the bill month, at its average rate) and the cost of assets placed in service
-- (the in-service month), every month to the close, in the functional currency.
-- A view, recomputed at every close: a late or corrected invoice, capex line or asset of a
-- closed month is in the reconciliation at once, as the extracts are (the extracts re-read
-- by month - payments, applications, bank and GL lines - are in the incremental
-- int_reconciliation_items_monthly).
{{ config(materialized='view') }}

with
invoices as (select * from {{ ref('stg_erp__invoices') }}),

capex_lines as (select * from {{ ref('stg_erp__capex_lines') }}),

fixed_assets as (select * from {{ ref('stg_erp__fixed_assets') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

close_month_end as (
    select last_day({{ infra_accounting.close_period_month() }}) as close_date
),

invoices_functional as (
    select
        'ar' as reconciliation_name,
        invoices.subsidiary_id,
        '1200' as account_number,
        invoices.invoice_id as document_id,
        {{ infra_accounting.month_start('invoices.invoice_date') }} as period_month,
        {{ infra_accounting.money('cast(invoices.total_amount as decimal(38, 2)) * coalesce(fx_rates.average_rate, 1)') }}
            as subledger_amount,
        coalesce(fx_rates.average_rate, 1) as invoice_rate
    from invoices
    inner join subsidiaries
        on invoices.subsidiary_id = subsidiaries.subsidiary_id
    cross join close_month_end
    {{ infra_accounting.join_functional_fx_rate('invoices.invoice_date', 'invoices.currency_code') }}
    where invoices.invoice_date <= close_month_end.close_date
),

-- CIP: capex coded to each project, less the cost of its assets placed in service
capex_functional as (
    select
        capex_lines.subsidiary_id,
        capex_lines.project_id,
        {{ infra_accounting.month_start('capex_lines.bill_date') }} as period_month,
        {{ infra_accounting.money('cast(capex_lines.amount as decimal(38, 2)) * coalesce(fx_rates.average_rate, 1)') }} as amount
    from capex_lines
    inner join subsidiaries
        on capex_lines.subsidiary_id = subsidiaries.subsidiary_id
    cross join close_month_end
    {{ infra_accounting.join_functional_fx_rate('capex_lines.bill_date', 'capex_lines.currency_code') }}
    where capex_lines.bill_date <= close_month_end.close_date
),

capitalized as (
    select
        fixed_assets.subsidiary_id,
        fixed_assets.project_id,
        {{ infra_accounting.month_start('fixed_assets.in_service_date') }} as period_month,
        -fixed_assets.cost as amount
    from fixed_assets
    cross join close_month_end
    where
        fixed_assets.project_id is not null
        and fixed_assets.in_service_date <= close_month_end.close_date
),

cip_documents as (
    select
        'cip' as reconciliation_name,
        subsidiary_id,
        '1690' as account_number,
        project_id as document_id,
        period_month,
        sum(amount) as subledger_amount,
        cast(null as decimal(18, 8)) as invoice_rate
    from (
        select * from capex_functional
        union all
        select * from capitalized
    ) as cip_rows
    group by all
),

final as (
    select * from invoices_functional
    union all
    select * from cip_documents
)

select * from final
