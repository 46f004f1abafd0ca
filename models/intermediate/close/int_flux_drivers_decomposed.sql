-- One row per subsidiary, account, comparison (mom / qoq / yoy) and operating driver: the
-- part of the change between the comparison month and the close month that the driver
-- explains, in the functional currency, from the subledgers' own detail: depreciation by
-- assets placed in service, disposals and transfers out, assets fully depreciated and
-- changes on continuing assets; lease cost by new leases, modifications, terminations and
-- continuing leases; usage revenue by GPU-hour volume, price and mix (contract type and
-- sku) plus storage / network usage. The flux mart adds the rest of the GL change as one
-- residual driver, so a row's drivers always sum to its variance.
with
asset_rollforward as (select * from {{ ref('rpt_fixed_asset_rollforward_detail') }}),

asset_classes as (select * from {{ ref('stg_policy__asset_classes') }}),

journal_lines as (select * from {{ ref('int_journal_lines_unioned') }}),

lease_modifications as (select * from {{ ref('stg_leases__lease_modifications') }}),

-- usage revenue per contract, sku and month of consumption, rated and rounded once per line
-- and month as revenue and the invoice round it (not the usage records: the flux needs only
-- the months compared, at the grain revenue is booked)
contract_usage as (
    select * from {{ ref('int_contract_usage_summed_monthly') }}
    where
        period_month between {{ infra_accounting.add_months(infra_accounting.close_period_month(), -12) }}
        and {{ infra_accounting.close_period_month() }}
),

contracts as (select * from {{ ref('int_revenue_contracts_enriched') }}),

rated_usage as (
    select
        contract_usage.period_month,
        contracts.subsidiary_id,
        contracts.contract_type,
        contract_usage.sku,
        contract_usage.usage_quantity as quantity,
        contract_usage.rated_amount
    from contract_usage
    inner join contracts
        on contract_usage.contract_id = contracts.contract_id
),

skus as (select * from {{ ref('stg_metering__skus') }}),

revenue_policy as (select * from {{ ref('stg_policy__revenue_policy') }}),

comparisons as (
    select
        comparison,
        current_month,
        comparison_month
    from {{ ref('int_flux_variances_computed') }}
    group by all
),

-- The roll-forward rows a comparison reads: the months compared and the months with a disposal
-- (a disposal between the two months names the driver), not every month in between.
asset_rollforward_compared as (
    select *
    from asset_rollforward
    where
        period_month in (
            select comparisons.current_month from comparisons
            union
            select comparisons.comparison_month from comparisons
        )
        or cost_disposals_amount < 0
),

-- Depreciation per asset and expense account in the two months compared, and whether the asset
-- was disposed of (wholly or in part) after the comparison month.
asset_depreciation as (
    select
        comparisons.comparison,
        asset_rollforward.asset_id,
        asset_rollforward.subsidiary_id,
        asset_classes.depreciation_expense_account as account_number,
        sum(asset_rollforward.depreciation_amount) filter (where asset_rollforward.period_month = comparisons.current_month)
            as current_amount,
        sum(asset_rollforward.depreciation_amount) filter (where asset_rollforward.period_month = comparisons.comparison_month)
            as comparison_amount,
        max(case when asset_rollforward.period_month = comparisons.current_month then 1 else 0 end) = 1 as is_held_now,
        max(case when asset_rollforward.period_month = comparisons.comparison_month then 1 else 0 end) = 1 as was_held,
        bool_or(asset_rollforward.period_month > comparisons.comparison_month and asset_rollforward.cost_disposals_amount < 0)
            as has_disposal
    from asset_rollforward_compared as asset_rollforward
    inner join comparisons
        on asset_rollforward.period_month between comparisons.comparison_month and comparisons.current_month
    inner join asset_classes
        on asset_rollforward.asset_class_code = asset_classes.asset_class_code
    group by all
),

-- One row per driver: its assets' changes summed, the assets listed largest change first.
depreciation_drivers as (
    select
        comparison,
        subsidiary_id,
        account_number,
        case
            when not was_held or comparison_amount is null then 'depreciation: assets placed in service or transferred in'
            when not is_held_now and has_disposal then 'depreciation: assets disposed of'
            when not is_held_now then 'depreciation: assets transferred out'
            when coalesce(current_amount, 0) = 0 then 'depreciation: assets fully depreciated'
            when has_disposal then 'depreciation: assets disposed of'
            else 'depreciation: continuing assets (life changes, impairments, methods)'
        end as driver,
        sum(coalesce(current_amount, 0) - coalesce(comparison_amount, 0)) as driver_amount,
        count(*) as document_count,
        string_agg(asset_id, ', ' order by abs(coalesce(current_amount, 0) - coalesce(comparison_amount, 0)) desc, asset_id) as documents
    from asset_depreciation
    where coalesce(current_amount, 0) <> coalesce(comparison_amount, 0)
    group by all
),

-- Lease cost per lease and account (the lease subledger's journal lines).
lease_cost_lines as (
    select
        comparisons.comparison,
        journal_lines.subsidiary_id,
        journal_lines.account_number,
        journal_lines.source_document_id as lease_id,
        coalesce(sum(journal_lines.debit_amount - journal_lines.credit_amount) filter (
            where journal_lines.period_month = comparisons.current_month
        ), 0) as current_amount,
        coalesce(sum(journal_lines.debit_amount - journal_lines.credit_amount) filter (
            where journal_lines.period_month = comparisons.comparison_month
        ), 0) as comparison_amount,
        max(case when journal_lines.period_month = comparisons.comparison_month then 1 else 0 end) = 1 as was_active,
        max(case when journal_lines.period_month = comparisons.current_month then 1 else 0 end) = 1 as is_active
    from journal_lines
    inner join comparisons
        on journal_lines.period_month in (comparisons.current_month, comparisons.comparison_month)
    where
        journal_lines.source_area = 'leases'
        and journal_lines.account_number in ('5100', '5110', '5120', '5130', '7000')
    group by all
),

modified_leases as (
    select distinct
        comparisons.comparison,
        lease_modifications.lease_id,
        lease_modifications.modification_type
    from lease_modifications
    inner join comparisons
        on
            lease_modifications.effective_date > last_day(comparisons.comparison_month)
            and lease_modifications.effective_date <= last_day(comparisons.current_month)
),

lease_drivers as (
    select
        lease_cost_lines.comparison,
        lease_cost_lines.subsidiary_id,
        lease_cost_lines.account_number,
        case
            when modified_leases.modification_type = 'termination' or (lease_cost_lines.was_active and not lease_cost_lines.is_active)
                then 'lease cost: terminations and leases ended'
            when not lease_cost_lines.was_active then 'lease cost: new leases'
            when modified_leases.lease_id is not null then 'lease cost: modifications'
            else 'lease cost: continuing leases (escalations, variable payments)'
        end as driver,
        sum(lease_cost_lines.current_amount - lease_cost_lines.comparison_amount) as driver_amount,
        count(*) as document_count,
        string_agg(
            lease_cost_lines.lease_id, ', '
            order by abs(lease_cost_lines.current_amount - lease_cost_lines.comparison_amount) desc, lease_cost_lines.lease_id
        ) as documents
    from lease_cost_lines
    left join modified_leases
        on
            lease_cost_lines.comparison = modified_leases.comparison
            and lease_cost_lines.lease_id = modified_leases.lease_id
    where lease_cost_lines.current_amount <> lease_cost_lines.comparison_amount
    group by all
),

-- Usage revenue (credit positive) per contract type and sku in the two months.
usage_segments as (
    select
        comparisons.comparison,
        rated_usage.subsidiary_id,
        revenue_policy.usage_revenue_account as account_number,
        rated_usage.contract_type,
        rated_usage.sku,
        skus.unit = 'gpu_hour' as is_gpu_hour,
        sum(case when rated_usage.period_month = comparisons.current_month then rated_usage.quantity else 0 end) as current_quantity,
        sum(case when rated_usage.period_month = comparisons.comparison_month then rated_usage.quantity else 0 end) as comparison_quantity,
        sum(case when rated_usage.period_month = comparisons.current_month then rated_usage.rated_amount else 0 end) as current_amount,
        sum(case when rated_usage.period_month = comparisons.comparison_month then rated_usage.rated_amount else 0 end) as comparison_amount
    from rated_usage
    inner join comparisons
        on rated_usage.period_month in (comparisons.current_month, comparisons.comparison_month)
    inner join skus
        on rated_usage.sku = skus.sku
    inner join revenue_policy
        on rated_usage.contract_type = revenue_policy.contract_type
    group by all
),

gpu_totals as (
    select
        comparison,
        subsidiary_id,
        account_number,
        sum(current_quantity) as current_quantity,
        sum(comparison_quantity) as comparison_quantity,
        sum(comparison_amount) as comparison_amount
    from usage_segments
    where is_gpu_hour
    group by all
),

-- Price-volume-mix: volume at last period's average price, mix at each segment's last
-- price, price on this period's quantities; a segment new this period is priced at its
-- own price (no price effect). volume + mix + price = this period's - last period's revenue.
-- Prices are decimal(18,8) and every product and sum is decimal, so the result does not
-- depend on the order rows are summed in (no floating point); the volume effect is this
-- period's quantity at last period's average price less last period's revenue, which keeps
-- the three effects summing exactly to the change.
gpu_segment_effects as (
    select
        usage_segments.comparison,
        usage_segments.subsidiary_id,
        usage_segments.account_number,
        usage_segments.current_amount,
        {{ infra_accounting.rate('''case
            when usage_segments.comparison_quantity <> 0
                then usage_segments.comparison_amount / usage_segments.comparison_quantity
            when usage_segments.current_quantity <> 0
                then usage_segments.current_amount / usage_segments.current_quantity
            else 0
        end''') }} as comparison_price,
        usage_segments.current_quantity,
        gpu_totals.current_quantity as total_current_quantity,
        gpu_totals.comparison_quantity as total_comparison_quantity,
        gpu_totals.comparison_amount as total_comparison_amount
    from usage_segments
    inner join gpu_totals
        on
            usage_segments.comparison = gpu_totals.comparison
            and usage_segments.subsidiary_id = gpu_totals.subsidiary_id
            and usage_segments.account_number = gpu_totals.account_number
    where usage_segments.is_gpu_hour
),

gpu_effects as (
    select
        comparison,
        subsidiary_id,
        account_number,
        max(total_current_quantity) as current_quantity,
        max(total_comparison_quantity) as comparison_quantity,
        max(total_comparison_amount) as comparison_amount,
        {{ infra_accounting.rate('''case
            when max(total_comparison_quantity) <> 0 then max(total_comparison_amount) / max(total_comparison_quantity)
        end''') }} as comparison_average_price,
        sum(current_quantity * comparison_price) as current_at_comparison_prices_amount,
        sum(current_amount) as current_amount
    from gpu_segment_effects
    group by all
),

revenue_drivers as (
    select
        comparison,
        subsidiary_id,
        account_number,
        'revenue: GPU-hour volume' as driver,
        -- credit-positive revenue turned into debit-minus-credit like the GL variance
        -(case
            when comparison_quantity = 0 then current_at_comparison_prices_amount - comparison_amount
            else current_quantity * comparison_average_price - comparison_amount
        end) as driver_amount,
        1 as document_count,
        'GPU-hours ' || round(comparison_quantity, 1) || ' -> ' || round(current_quantity, 1) as documents
    from gpu_effects
    union all
    select
        comparison,
        subsidiary_id,
        account_number,
        'revenue: mix (contract type and sku)' as driver,
        -(case
            when comparison_quantity = 0 then 0
            else current_at_comparison_prices_amount - current_quantity * comparison_average_price
        end) as driver_amount,
        1 as document_count,
        null as documents
    from gpu_effects
    union all
    select
        comparison,
        subsidiary_id,
        account_number,
        'revenue: price' as driver,
        -(current_amount - current_at_comparison_prices_amount) as driver_amount,
        1 as document_count,
        null as documents
    from gpu_effects
    union all
    select
        comparison,
        subsidiary_id,
        account_number,
        'revenue: storage and network usage' as driver,
        -sum(current_amount - comparison_amount) as driver_amount,
        count(*) as document_count,
        {{ infra_accounting.sorted_distinct_list('sku') }} as documents
    from usage_segments
    where not is_gpu_hour
    group by all
),

combined as (
    select * from depreciation_drivers
    union all
    select * from lease_drivers
    union all
    select * from revenue_drivers
),

final as (
    select
        comparison,
        subsidiary_id,
        account_number,
        driver,
        {{ infra_accounting.money('sum(driver_amount)') }} as driver_amount,
        sum(document_count) as document_count,
        string_agg(documents, ', ' order by documents) as documents
    from combined
    group by all
)

select * from final
