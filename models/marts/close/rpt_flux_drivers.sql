-- One row per scope (subsidiary or CONSOLIDATED), account, comparison and driver: the part
-- of the variance each operating driver explains (depreciation, lease cost, usage revenue
-- from the subledgers; FX translation for the consolidated scope) and the rest of the GL
-- change with the largest journals behind it, so the drivers of a row sum to its variance.
with
variances as (select * from {{ ref('int_flux_variances_computed') }}),

drivers as (select * from {{ ref('int_flux_drivers_decomposed') }}),

gl_lines as (select * from {{ ref('int_gl_lines_combined') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

entity_variances as (
    select
        variances.*,
        subsidiaries.functional_currency_code
    from variances
    inner join subsidiaries
        on variances.scope_id = subsidiaries.subsidiary_id
),

entity_rates as (
    select
        entity_variances.scope_id,
        entity_variances.account_number,
        entity_variances.comparison,
        entity_variances.comparison_amount,
        case when entity_variances.is_income_statement then current_rates.average_rate else current_rates.period_end_rate end
            as current_rate,
        case when entity_variances.is_income_statement then comparison_rates.average_rate else comparison_rates.period_end_rate end
            as comparison_rate
    from entity_variances
    inner join fx_rates as current_rates
        on
            entity_variances.current_month = current_rates.period_month
            and entity_variances.functional_currency_code = current_rates.from_currency
            and current_rates.to_currency = '{{ var("reporting_currency_code") }}'
    inner join fx_rates as comparison_rates
        on
            entity_variances.comparison_month = comparison_rates.period_month
            and entity_variances.functional_currency_code = comparison_rates.from_currency
            and comparison_rates.to_currency = '{{ var("reporting_currency_code") }}'
),

entity_drivers as (
    select
        drivers.subsidiary_id as scope_id,
        drivers.account_number,
        drivers.comparison,
        drivers.driver,
        drivers.driver_amount,
        drivers.document_count,
        drivers.documents
    from drivers
),

consolidated_drivers as (
    select
        'CONSOLIDATED' as scope_id,
        entity_drivers.account_number,
        entity_drivers.comparison,
        entity_drivers.driver,
        sum({{ infra_accounting.money('cast(entity_drivers.driver_amount as decimal(38, 2)) * entity_rates.current_rate') }})
            as driver_amount,
        sum(entity_drivers.document_count) as document_count,
        string_agg(entity_drivers.scope_id || ': ' || entity_drivers.documents, '; ' order by entity_drivers.scope_id) as documents
    from entity_drivers
    inner join entity_rates
        on
            entity_drivers.scope_id = entity_rates.scope_id
            and entity_drivers.account_number = entity_rates.account_number
            and entity_drivers.comparison = entity_rates.comparison
    group by all
    union all
    select
        'CONSOLIDATED' as scope_id,
        account_number,
        comparison,
        'FX translation: comparison balances at this period''s rates' as driver,
        sum({{ infra_accounting.money('cast(comparison_amount as decimal(38, 2)) * (current_rate - comparison_rate)') }}) as driver_amount,
        count(*) as document_count,
        null as documents
    from entity_rates
    where comparison_amount <> 0 and current_rate <> comparison_rate
    group by all
),

explained_drivers as (
    select * from entity_drivers
    union all
    select * from consolidated_drivers
),

explained_totals as (
    select
        scope_id,
        account_number,
        comparison,
        sum(driver_amount) as driver_amount
    from explained_drivers
    group by all
),

largest_journals as (
    select
        subsidiary_id,
        account_number,
        string_agg(journal_id || ' ' || net_amount, ', ' order by abs(net_amount) desc, journal_id) filter (where journal_rank <= 3)
            as journals
    from (
        select
            subsidiary_id,
            account_number,
            journal_id,
            sum(debit_amount - credit_amount) as net_amount,
            row_number() over (
                partition by subsidiary_id, account_number
                order by abs(sum(debit_amount - credit_amount)) desc, journal_id
            ) as journal_rank
        from gl_lines
        where period_month = {{ infra_accounting.close_period_month() }}
        group by subsidiary_id, account_number, journal_id
    ) as journal_amounts
    group by all
),

consolidated_largest_journals as (
    select
        'CONSOLIDATED' as subsidiary_id,
        account_number,
        string_agg(subsidiary_id || ' ' || journals, '; ' order by subsidiary_id) as journals
    from largest_journals
    group by all
),

scope_largest_journals as (
    select * from largest_journals
    union all
    select * from consolidated_largest_journals
),

residual_drivers as (
    select
        variances.scope_id,
        variances.account_number,
        variances.comparison,
        'other GL activity (largest journals of the close month: '
        || coalesce(scope_largest_journals.journals, 'none') || ')' as driver,
        variances.variance_amount - coalesce(explained_totals.driver_amount, 0) as driver_amount,
        0 as document_count,
        null as documents
    from variances
    left join explained_totals
        on
            variances.scope_id = explained_totals.scope_id
            and variances.account_number = explained_totals.account_number
            and variances.comparison = explained_totals.comparison
    left join scope_largest_journals
        on
            variances.scope_id = scope_largest_journals.subsidiary_id
            and variances.account_number = scope_largest_journals.account_number
    where variances.variance_amount - coalesce(explained_totals.driver_amount, 0) <> 0
),

combined as (
    select
        *,
        false as is_residual
    from explained_drivers
    union all
    select
        *,
        true as is_residual
    from residual_drivers
),

final as (
    select
        combined.scope_id,
        combined.account_number,
        combined.comparison,
        combined.driver,
        combined.is_residual,
        variances.currency_code,
        {{ infra_accounting.money('combined.driver_amount') }} as driver_amount,
        cast(combined.document_count as bigint) as document_count,
        combined.documents
    from combined
    inner join variances
        on
            combined.scope_id = variances.scope_id
            and combined.account_number = variances.account_number
            and combined.comparison = variances.comparison
)

select * from final
