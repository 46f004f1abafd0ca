-- One row per proposed journal line of the revenue subledger, every month through the close
-- period, in the entity's functional currency: the adjustments from the ERP's billing entries
-- (Dr AR / Cr revenue or customer credits, already in the GL) to ASC 606 revenue - unbilled
-- receivables, prepaid credit drawdown, breakage - and ASC 340-40 commission capitalization,
-- amortization and current-portion reclass. Balanced per journal_id.
-- Incremental by month: a month's lines read only that month's revenue and commission rows, so
-- a close appends the months from incremental_recompute_month() on and keeps the closed months'
-- lines, which the GL already holds (closed periods are read, not rebuilt; issue #8).
{{ infra_accounting.incremental_by_period_month() }}

with
recomputed_revenue as (
    select * from {{ ref('fct_revenue') }}
    {{ infra_accounting.recomputed_months_filter() }}
),

revenue as (
    select * from recomputed_revenue
    where period_month <= {{ infra_accounting.close_period_month() }}
),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

recomputed_commissions as (
    select * from {{ ref('int_commission_balances_monthly') }}
    {{ infra_accounting.recomputed_months_filter() }}
),

commissions as (
    select * from recomputed_commissions
    where period_month <= {{ infra_accounting.close_period_month() }}
),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

periods as (select * from {{ ref('dim_periods') }}),

revenue_functional as (
    select
        revenue.*,
        contracts.functional_currency_code,
        contracts.contract_liability_account,
        contracts.breakage_revenue_account,
        contracts.unbilled_receivable_account,
        {{ infra_accounting.money('cast(revenue.revenue_amount - revenue.billed_amount as decimal(38, 2)) * fx_rates.average_rate') }}
            as unbilled_change_functional_amount,
        {{ infra_accounting.money('cast(revenue.revenue_amount as decimal(38, 2)) * fx_rates.average_rate') }} as revenue_functional_amount,
        {{ infra_accounting.money('cast(revenue.breakage_amount as decimal(38, 2)) * fx_rates.average_rate') }}
            as breakage_functional_amount
    from revenue
    inner join contracts on revenue.contract_id = contracts.contract_id
    left join fx_rates
        on revenue.period_month = fx_rates.period_month
            and revenue.currency_code = fx_rates.from_currency
            and contracts.functional_currency_code = fx_rates.to_currency
),

entries as (
    -- unbilled receivables: revenue recognized less billed on lines billed in arrears
    select
        'RV-UNB' as journal_prefix,
        'unbilled' as journal_type,
        subsidiary_id,
        period_month,
        functional_currency_code as currency_code,
        contract_id as source_document_id,
        unbilled_receivable_account as debit_account,
        revenue_account_number as credit_account,
        unbilled_change_functional_amount as amount,
        'Unbilled receivable ' || sku || ': revenue recognized less billed (' || currency_code || ')' as memo
    from revenue_functional
    where revenue_line_type <> 'prepaid_credits' and unbilled_change_functional_amount <> 0
    union all
    -- prepaid credits consumed: contract liability to revenue
    select
        'RV-DRW' as journal_prefix,
        'prepaid_drawdown' as journal_type,
        subsidiary_id,
        period_month,
        functional_currency_code as currency_code,
        contract_id as source_document_id,
        contract_liability_account as debit_account,
        revenue_account_number as credit_account,
        revenue_functional_amount as amount,
        'Prepaid credits consumed: contract liability drawn down to revenue' as memo
    from revenue_functional
    where revenue_line_type = 'prepaid_credits' and revenue_functional_amount <> 0
    union all
    -- breakage of prepaid credits expected not to be used (ASC 606-10-55-48)
    select
        'RV-BRK' as journal_prefix,
        'breakage' as journal_type,
        subsidiary_id,
        period_month,
        functional_currency_code as currency_code,
        contract_id as source_document_id,
        contract_liability_account as debit_account,
        breakage_revenue_account as credit_account,
        breakage_functional_amount as amount,
        'Breakage of unused prepaid credits (ASC 606-10-55-48)' as memo
    from revenue_functional
    where revenue_line_type = 'prepaid_credits' and breakage_functional_amount <> 0
    union all
    -- ASC 340-40: commission capitalized out of commission expense
    select
        'RV-COM' as journal_prefix,
        'commission_capitalization' as journal_type,
        commissions.subsidiary_id,
        commissions.period_month,
        contracts.functional_currency_code as currency_code,
        commissions.contract_id as source_document_id,
        contracts.commission_asset_noncurrent_account as debit_account,
        contracts.commission_expense_account as credit_account,
        commissions.capitalized_amount as amount,
        'Incremental commission capitalized (ASC 340-40-25-1)' as memo
    from commissions
    inner join contracts on commissions.contract_id = contracts.contract_id
    where commissions.capitalized_amount <> 0
    union all
    select
        'RV-COM' as journal_prefix,
        'commission_amortization' as journal_type,
        commissions.subsidiary_id,
        commissions.period_month,
        contracts.functional_currency_code as currency_code,
        commissions.contract_id as source_document_id,
        contracts.commission_expense_account as debit_account,
        contracts.commission_asset_current_account as credit_account,
        commissions.amortization_amount as amount,
        'Amortization of capitalized commission (ASC 340-40-35-1)' as memo
    from commissions
    inner join contracts on commissions.contract_id = contracts.contract_id
    where commissions.amortization_amount <> 0
    union all
    select
        'RV-COM' as journal_prefix,
        'commission_reclass' as journal_type,
        commissions.subsidiary_id,
        commissions.period_month,
        contracts.functional_currency_code as currency_code,
        commissions.contract_id as source_document_id,
        contracts.commission_asset_current_account as debit_account,
        contracts.commission_asset_noncurrent_account as credit_account,
        commissions.reclass_to_current_amount as amount,
        'Deferred commission amortizing in the next twelve months reclassified to current' as memo
    from commissions
    inner join contracts on commissions.contract_id = contracts.contract_id
    where commissions.reclass_to_current_amount <> 0
),

lines as (
    select
        entries.*,
        'debit' as side,
        case when entries.amount > 0 then entries.debit_account else entries.credit_account end as account_number
    from entries
    union all
    select
        entries.*,
        'credit' as side,
        case when entries.amount > 0 then entries.credit_account else entries.debit_account end as account_number
    from entries
),

final as (
    select
        lines.journal_prefix || '-' || lines.subsidiary_id || '-' || strftime(lines.period_month, '%Y-%m') as journal_id,
        cast(row_number() over (
            partition by lines.journal_prefix, lines.subsidiary_id, lines.period_month
            order by lines.journal_type asc, lines.source_document_id asc, lines.memo asc, lines.side desc, lines.account_number asc
        ) as integer) as journal_line_number,
        lines.subsidiary_id,
        lines.period_month,
        periods.period_end_date as posting_date,
        cast(lines.account_number as varchar) as account_number,
        cast(case when lines.side = 'debit' then abs(lines.amount) else 0 end as decimal(18, 2)) as debit_amount,
        cast(case when lines.side = 'credit' then abs(lines.amount) else 0 end as decimal(18, 2)) as credit_amount,
        lines.currency_code,
        lines.journal_type,
        'revenue' as source_area,
        lines.source_document_id,
        lines.memo
    from lines
    inner join periods on lines.period_month = periods.period_month
)

select * from final
