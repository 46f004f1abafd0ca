-- One row per AP capex line coded to a capital project, with its amount in the functional
-- currency of the billed entity (foreign-currency bills at the bill month's average rate, the
-- amount the GL posts to CIP).
with
capex_lines as (select * from {{ ref('stg_erp__capex_lines') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

lines_with_currency as (
    select
        capex_lines.line_id,
        capex_lines.bill_id,
        capex_lines.vendor_name,
        capex_lines.subsidiary_id,
        capex_lines.project_id,
        capex_lines.bill_date,
        {{ infra_accounting.month_start('capex_lines.bill_date') }} as period_month,
        capex_lines.amount,
        capex_lines.currency_code,
        subsidiaries.functional_currency_code,
        capex_lines.description
    from capex_lines
    inner join subsidiaries on capex_lines.subsidiary_id = subsidiaries.subsidiary_id
),

final as (
    select
        capex.line_id,
        capex.bill_id,
        capex.vendor_name,
        capex.subsidiary_id,
        capex.project_id,
        capex.bill_date,
        capex.period_month,
        capex.amount,
        capex.currency_code,
        capex.functional_currency_code,
        case
            when capex.currency_code = capex.functional_currency_code then cast(1 as decimal(18, 8))
            else fx_rates.average_rate
        end as fx_rate,
        case
            when capex.currency_code = capex.functional_currency_code then capex.amount
            else {{ infra_accounting.money('cast(capex.amount as decimal(38, 2)) * fx_rates.average_rate') }}
        end as functional_amount,
        capex.description
    from lines_with_currency as capex
    left join fx_rates
        on capex.currency_code = fx_rates.from_currency
            and capex.functional_currency_code = fx_rates.to_currency
            and capex.period_month = fx_rates.period_month
)

select * from final
