-- One row per lease per month from commencement to the end of the lease (or of the ROU
-- amortization, or the termination): the ASC 842 schedule with every movement of the liability
-- and the ROU asset, the lease cost, and the current / non-current split of the liability.
with
schedules as (select * from {{ ref('int_lease_schedules_discounted') }}),

leases as (select * from {{ ref('int_leases_validated') }}),

payments as (
    select * from {{ ref('int_lease_payments_scheduled') }}
    where is_effective
),

-- The engine's amounts are money already (decimal(18,2), each rounded once to the cent on the
-- way out of the Python model, infra_accounting.decimal_output) and the payments' are sums of
-- cents: a plain cast keeps the type (DECISIONLOG D-003), where money()'s 128-bit round trip
-- took two thirds of this model's time at L.
dated as (
    select
        schedules.lease_id,
        {{ infra_accounting.add_months('leases.commencement_month', 'schedules.month_index') }} as period_month,
        leases.subsidiary_id,
        leases.currency_code,
        schedules.classification,
        cast(schedules.segment_number as integer) as segment_number,
        cast(schedules.month_index as integer) as month_index,
        cast(schedules.liability_opening_amount as decimal(18, 2)) as liability_opening_amount,
        cast(schedules.liability_initial_amount as decimal(18, 2)) as liability_commencement_amount,
        cast(schedules.liability_remeasurement_amount as decimal(18, 2)) as liability_remeasurement_amount,
        cast(schedules.liability_derecognized_amount as decimal(18, 2)) as liability_derecognized_amount,
        cast(schedules.interest_amount as decimal(18, 2)) as interest_amount,
        cast(schedules.payment_amount as decimal(18, 2)) as payment_amount,
        cast(schedules.liability_closing_amount as decimal(18, 2)) as liability_closing_amount,
        cast(schedules.rou_opening_amount as decimal(18, 2)) as rou_opening_amount,
        cast(schedules.rou_initial_amount as decimal(18, 2)) as rou_commencement_amount,
        cast(schedules.rou_remeasurement_amount as decimal(18, 2)) as rou_remeasurement_amount,
        cast(schedules.rou_derecognized_amount as decimal(18, 2)) as rou_derecognized_amount,
        cast(schedules.rou_impairment_amount as decimal(18, 2)) as rou_impairment_amount,
        cast(schedules.rou_amortization_amount as decimal(18, 2)) as rou_amortization_amount,
        cast(schedules.rou_closing_amount as decimal(18, 2)) as rou_closing_amount,
        cast(schedules.lease_cost_amount as decimal(18, 2)) as lease_cost_amount,
        cast(schedules.gain_loss_amount as decimal(18, 2)) as gain_loss_amount,
        cast(schedules.termination_payment_amount as decimal(18, 2)) as termination_payment_amount,
        cast(coalesce(payments.separated_non_lease_amount, 0) as decimal(18, 2)) as non_lease_component_amount,
        cast(coalesce(payments.variable_amount, 0) as decimal(18, 2)) as variable_payment_amount
    from schedules
    inner join leases on schedules.lease_id = leases.lease_id
    left join payments
        on
            schedules.lease_id = payments.lease_id
            and schedules.month_index = payments.month_index
),

split as (
    select
        dated.*,
        -- current portion: the principal that falls due within twelve months of the month end
        cast(dated.liability_closing_amount - coalesce(lead(dated.liability_closing_amount, 12) over (
            partition by dated.lease_id order by dated.period_month
        ), 0) as decimal(18, 2)) as liability_current_amount
    from dated
),

final as (
    select
        split.lease_id,
        split.period_month,
        cast(last_day(split.period_month) as date) as period_end_date,
        split.subsidiary_id,
        split.currency_code,
        split.classification,
        split.segment_number,
        split.month_index,
        split.liability_opening_amount,
        split.liability_commencement_amount,
        split.liability_remeasurement_amount,
        split.liability_derecognized_amount,
        split.interest_amount,
        split.payment_amount,
        split.liability_closing_amount,
        split.liability_current_amount,
        cast(split.liability_closing_amount - split.liability_current_amount as decimal(18, 2)) as liability_noncurrent_amount,
        split.rou_opening_amount,
        split.rou_commencement_amount,
        split.rou_remeasurement_amount,
        split.rou_derecognized_amount,
        split.rou_impairment_amount,
        split.rou_amortization_amount,
        split.rou_closing_amount,
        split.lease_cost_amount,
        split.gain_loss_amount,
        split.termination_payment_amount,
        split.non_lease_component_amount,
        split.variable_payment_amount,
        split.period_month = {{ infra_accounting.close_period_month() }} as is_close_period,
        split.period_month > {{ infra_accounting.close_period_month() }} as is_after_close_period
    from split
)

select * from final
