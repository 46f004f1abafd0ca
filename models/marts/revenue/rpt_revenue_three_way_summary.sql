-- One row per customer per contract currency per month through the close period: usage
-- metered (rated at the contract price, by month consumed), billed (invoices by invoice
-- date), recognized (revenue and breakage) and collected (payments applied, by date).
with
usage_monthly as (select * from {{ ref('int_contract_usage_summed_monthly') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

invoices as (select * from {{ ref('stg_erp__invoices') }}),

applications as (select * from {{ ref('stg_erp__payment_applications') }}),

payments as (select * from {{ ref('stg_erp__payments') }}),

revenue as (select * from {{ ref('fct_revenue') }}),

metered as (
    select
        contracts.customer_id,
        contracts.currency_code,
        usage_monthly.period_month,
        sum(usage_monthly.rated_amount) as metered_amount
    from usage_monthly
    inner join contracts on usage_monthly.contract_id = contracts.contract_id
    group by all
),

billed as (
    select
        customer_id,
        currency_code,
        {{ infra_accounting.month_start('invoice_date') }} as period_month,
        sum(total_amount) as billed_amount
    from invoices
    group by all
),

recognized as (
    select
        customer_id,
        currency_code,
        period_month,
        sum(revenue_amount + breakage_amount) as recognized_amount
    from revenue
    group by all
),

collected as (
    select
        invoices.customer_id,
        invoices.currency_code,
        {{ infra_accounting.month_start('coalesce(applications.application_date, payments.payment_date)') }} as period_month,
        sum(applications.applied_amount) as collected_amount
    from applications
    inner join invoices on applications.invoice_id = invoices.invoice_id
    left join payments on applications.payment_id = payments.payment_id
    group by all
),

keys as (
    select
        customer_id,
        currency_code,
        period_month
    from metered
    union
    select
        customer_id,
        currency_code,
        period_month
    from billed
    union
    select
        customer_id,
        currency_code,
        period_month
    from recognized
    union
    select
        customer_id,
        currency_code,
        period_month
    from collected
),

final as (
    select
        keys.customer_id,
        keys.currency_code,
        keys.period_month,
        cast(coalesce(metered.metered_amount, 0) as decimal(18, 2)) as metered_amount,
        cast(coalesce(billed.billed_amount, 0) as decimal(18, 2)) as billed_amount,
        cast(coalesce(recognized.recognized_amount, 0) as decimal(18, 2)) as recognized_amount,
        cast(coalesce(collected.collected_amount, 0) as decimal(18, 2)) as collected_amount
    from keys
    left join metered
        on keys.customer_id = metered.customer_id
            and keys.currency_code = metered.currency_code
            and keys.period_month = metered.period_month
    left join billed
        on keys.customer_id = billed.customer_id
            and keys.currency_code = billed.currency_code
            and keys.period_month = billed.period_month
    left join recognized
        on keys.customer_id = recognized.customer_id
            and keys.currency_code = recognized.currency_code
            and keys.period_month = recognized.period_month
    left join collected
        on keys.customer_id = collected.customer_id
            and keys.currency_code = collected.currency_code
            and keys.period_month = collected.period_month
    where keys.period_month <= {{ infra_accounting.close_period_month() }}
)

select * from final
