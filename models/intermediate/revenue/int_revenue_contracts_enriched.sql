-- One row per CRM contract with its policy row, the last day usage is attributed to it
-- (its end date, or the day before the customer's next contract starts) and its term.
with
contracts as (select * from {{ ref('stg_crm__contracts') }}),

policy as (select * from {{ ref('stg_policy__revenue_policy') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

sequenced as (
    select
        contracts.*,
        lead(contracts.start_date) over (
            partition by contracts.customer_id order by contracts.start_date, contracts.contract_id
            rows between unbounded preceding and unbounded following
        ) as next_contract_start_date
    from contracts
),

final as (
    select
        sequenced.contract_id,
        sequenced.customer_id,
        sequenced.subsidiary_id,
        subsidiaries.functional_currency_code,
        sequenced.contract_type,
        sequenced.start_date,
        sequenced.end_date,
        least(
            coalesce(sequenced.end_date, date '9999-12-31'),
            coalesce(sequenced.next_contract_start_date - 1, date '9999-12-31')
        ) as usage_end_date,
        coalesce(sequenced.end_date >= sequenced.next_contract_start_date, false) as overlaps_next_contract,
        sequenced.currency_code,
        sequenced.committed_amount,
        sequenced.commit_period,
        sequenced.prepaid_credit_amount,
        coalesce(sequenced.promotional_credit_amount, 0) as promotional_credit_amount,
        sequenced.credit_expiry_date,
        sequenced.discount_pct,
        sequenced.reserved_fee,
        sequenced.signed_date,
        sequenced.commission_amount,
        coalesce(sequenced.has_dedicated_hardware, false) as has_dedicated_hardware,
        {{ infra_accounting.month_start('sequenced.start_date') }} as start_month,
        {{ infra_accounting.month_start('sequenced.end_date') }} as end_month,
        {{ infra_accounting.months_between('sequenced.start_date', 'sequenced.end_date + 1') }} as term_months,
        policy.usage_revenue_account,
        policy.fixed_revenue_account,
        policy.breakage_revenue_account,
        policy.contract_liability_account,
        policy.receivable_account,
        policy.unbilled_receivable_account,
        policy.commission_expense_account,
        policy.commission_asset_current_account,
        policy.commission_asset_noncurrent_account,
        policy.commission_expedient_months,
        policy.expected_renewal_months,
        policy.breakage_minimum_expired_cohorts,
        policy.breakage_estimate_haircut_pct
    from sequenced
    left join policy on sequenced.contract_type = policy.contract_type
    left join subsidiaries on sequenced.subsidiary_id = subsidiaries.subsidiary_id
)

select * from final
