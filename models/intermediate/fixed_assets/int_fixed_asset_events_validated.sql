-- One row per asset event of the extract, classified for the depreciation engine and checked:
-- exception_reason says why an event cannot be booked (null when it can). Transfers to another
-- legal entity carry the FX rate that converts the asset into the receiver's functional
-- currency (period-end rate of the month before the transfer takes effect).
with
asset_events as (select * from {{ ref('stg_erp__asset_events') }}),

assets as (select * from {{ ref('int_fixed_assets_classified') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

fx_rates as (select * from {{ ref('dim_fx_rates_monthly') }}),

events_with_assets as (
    select
        asset_events.event_id,
        asset_events.asset_id,
        asset_events.event_type,
        asset_events.event_date,
        asset_events.amount,
        asset_events.proceeds,
        asset_events.to_subsidiary_id,
        asset_events.to_location_id,
        asset_events.new_useful_life_months,
        asset_events.disposal_pct,
        assets.subsidiary_id,
        assets.location_id,
        assets.functional_currency_code,
        assets.in_service_date,
        assets.asset_status,
        assets.cost_amount,
        case
            when asset_events.event_type = 'transfer'
                and asset_events.to_subsidiary_id is not null
                and asset_events.to_subsidiary_id <> assets.subsidiary_id
                then 'entity_transfer'
            when asset_events.event_type = 'transfer' then 'location_transfer'
            else asset_events.event_type
        end as engine_event_type,
        case when day(asset_events.event_date) = 1 or asset_events.event_type = 'disposal'
                then {{ infra_accounting.month_start('asset_events.event_date') }}
            else {{ infra_accounting.add_months(infra_accounting.month_start('asset_events.event_date'), 1) }}
        end as effective_month
    from asset_events
    left join assets on asset_events.asset_id = assets.asset_id
),

events_structurally_checked as (
    -- events that could move the cost at all: on an asset in service, dated after it, with an amount
    select
        *,
        asset_status in ('in_service', 'in_service_after_close')
        and event_date >= in_service_date
        and (
            event_type not in ('partial_disposal', 'impairment', 'cost_adjustment')
            or coalesce(amount, 0) <> 0
            or (event_type = 'partial_disposal' and amount is null and disposal_pct > 0 and disposal_pct < 1)
        )
            as is_structurally_valid,
        case
            when event_type = 'cost_adjustment' then amount
            when event_type = 'impairment' then -amount
            -- by percentage: approximated on the register cost for these checks only (a share
            -- below 100 % can never exceed the cost; the engine applies it to the cost carried)
            when event_type = 'partial_disposal'
                then -coalesce(amount, {{ infra_accounting.money('disposal_pct * cast(cost_amount as decimal(38, 2))') }})
            else 0
        end as cost_effect_amount
    from events_with_assets
),

events_first_pass as (
    -- pass 1: remaining cost from all structurally valid earlier events
    select
        *,
        cost_amount + coalesce(sum(case when is_structurally_valid then cost_effect_amount else 0 end) over (
            partition by asset_id order by event_date, event_id
            rows between unbounded preceding and 1 preceding
        ), 0) as first_pass_remaining_cost_amount
    from events_structurally_checked
),

events_with_running_cost as (
    -- pass 2: the same without earlier events that pass 1 found to exceed the remaining cost
    select
        *,
        cost_amount + coalesce(sum(
            case
                when
                    is_structurally_valid
                    and not (
                        event_type in ('partial_disposal', 'impairment')
                        and -cost_effect_amount > first_pass_remaining_cost_amount
                    )
                    and first_pass_remaining_cost_amount + cost_effect_amount >= 0
                    then cost_effect_amount
                else 0
            end
        ) over (
            partition by asset_id order by event_date, event_id
            rows between unbounded preceding and 1 preceding
        ), 0) as remaining_cost_before_amount,
        min(case when event_type = 'disposal' and is_structurally_valid then event_date end) over (
            partition by asset_id order by event_date, event_id
            rows between unbounded preceding and 1 preceding
        ) as earlier_disposal_date
    from events_first_pass
),

events_with_fx as (
    select
        events.*,
        receivers.functional_currency_code as to_currency_code,
        case
            when events.engine_event_type <> 'entity_transfer' then null
            when receivers.functional_currency_code = events.functional_currency_code then cast(1 as decimal(18, 8))
            else fx_rates.period_end_rate
        end as fx_rate
    from events_with_running_cost as events
    left join subsidiaries as receivers on events.to_subsidiary_id = receivers.subsidiary_id
    left join fx_rates
        on events.functional_currency_code = fx_rates.from_currency
            and receivers.functional_currency_code = fx_rates.to_currency
            and {{ infra_accounting.add_months('events.effective_month', -1) }} = fx_rates.period_month
),

events_checked as (
    select
        *,
        case
            when asset_status is null then 'the asset is not in the register'
            when asset_status = 'expensed' then 'the asset was expensed below the capitalization threshold: nothing to adjust'
            when asset_status in ('in_cip', 'in_service_after_close') or event_date < in_service_date
                then 'event dated ' || strftime(event_date, '%Y-%m-%d') || ' before the asset was placed in service'
                    || coalesce(' (' || strftime(in_service_date, '%Y-%m-%d') || ')', ' (still in CIP)')
            when earlier_disposal_date is not null
                then 'event after the asset was disposed of on ' || strftime(earlier_disposal_date, '%Y-%m-%d')
            when event_type = 'partial_disposal' and amount is not null and disposal_pct is not null
                then 'partial_disposal with both an amount and a percentage: give one'
            when event_type = 'partial_disposal' and amount is null and disposal_pct >= 1
                then 'partial disposal of 100 % or more of the cost: book it as a disposal'
            when event_type = 'partial_disposal' and amount is null and coalesce(disposal_pct, 0) = 0
                then 'partial_disposal without an amount or a percentage'
            when event_type in ('impairment', 'cost_adjustment', 'partial_disposal') and coalesce(amount, 0) = 0
                and not (event_type = 'partial_disposal' and amount is null)
                then event_type || ' without an amount'
            when event_type in ('partial_disposal', 'impairment') and amount < 0
                then event_type || ' with a negative amount'
            when event_type in ('disposal', 'partial_disposal', 'impairment') and amount > remaining_cost_before_amount
                then event_type || ' of ' || cast(amount as varchar) || ' is more than the remaining cost of '
                    || cast(remaining_cost_before_amount as varchar)
            when event_type = 'partial_disposal' and amount = remaining_cost_before_amount
                then 'partial disposal of the whole remaining cost: book it as a disposal'
            when event_type = 'cost_adjustment' and remaining_cost_before_amount + amount < 0
                then 'cost adjustment takes the cost below zero'
            when event_type = 'useful_life_change' and new_useful_life_months is null
                then 'useful-life change without a new useful life'
            when event_type = 'transfer' and to_subsidiary_id is null and to_location_id is null
                then 'transfer without a receiving entity or location'
            when event_type = 'transfer'
                and coalesce(to_subsidiary_id, subsidiary_id) = subsidiary_id
                and coalesce(to_location_id, location_id) = location_id
                then 'transfer to the entity and location the asset is already in'
            when engine_event_type = 'entity_transfer' and fx_rate is null
                then 'no ' || functional_currency_code || '->' || to_currency_code || ' rate to convert the transferred asset'
        end as exception_reason,
        event_date > last_day({{ infra_accounting.close_period_month() }}) as is_after_close_period
    from events_with_fx
),

final as (
    select
        event_id,
        asset_id,
        event_type,
        engine_event_type,
        event_date,
        effective_month,
        amount,
        proceeds,
        to_subsidiary_id,
        to_location_id,
        new_useful_life_months,
        disposal_pct,
        subsidiary_id,
        location_id,
        functional_currency_code,
        to_currency_code,
        fx_rate,
        remaining_cost_before_amount,
        exception_reason,
        is_after_close_period,
        exception_reason is null and not is_after_close_period as is_bookable
    from events_checked
)

select * from final
