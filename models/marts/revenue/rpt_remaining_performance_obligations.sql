-- One row per contract per expected-recognition band after the close period (ASC 606-10-50-13
-- disclosure): the transaction price allocated to obligations not yet satisfied - unconsumed
-- commitments, remaining reserved fees, unused prepaid credits - and when it is expected to
-- be recognized, in the contract currency and in USD at the close period-end rate.
with
scheduled as (select * from {{ ref('int_rpo_scheduled') }}),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

fx_rates as (
    select * from {{ ref('dim_fx_rates_monthly') }}
    where to_currency = 'USD' and period_month = {{ infra_accounting.close_period_month() }}
),

banded as (
    select
        scheduled.contract_id,
        case
            when {{ infra_accounting.months_between(infra_accounting.close_period_month(), 'scheduled.period_month') }} <= 12
                then 'within_12_months'
            when {{ infra_accounting.months_between(infra_accounting.close_period_month(), 'scheduled.period_month') }} <= 24
                then '13_to_24_months'
            else 'after_24_months'
        end as expected_recognition_band,
        min(scheduled.period_month) as first_expected_month,
        max(scheduled.period_month) as last_expected_month,
        sum(scheduled.rpo_amount) as rpo_amount
    from scheduled
    group by all
),

final as (
    select
        banded.contract_id,
        contracts.customer_id,
        contracts.subsidiary_id,
        contracts.contract_type,
        contracts.currency_code,
        {{ infra_accounting.close_period_month() }} as close_period_month,
        banded.expected_recognition_band,
        banded.first_expected_month,
        banded.last_expected_month,
        cast(banded.rpo_amount as decimal(18, 2)) as rpo_amount,
        {{ infra_accounting.money('cast(banded.rpo_amount as decimal(38, 2)) * fx_rates.period_end_rate') }} as rpo_amount_usd
    from banded
    inner join contracts on banded.contract_id = contracts.contract_id
    left join fx_rates on contracts.currency_code = fx_rates.from_currency
)

select * from final
