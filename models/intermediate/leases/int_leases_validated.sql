-- One row per lease in the population with the problems found in its abstract; leases with an
-- error are not measured (they are listed in int_lease_exceptions with the reason).
with
leases as (select * from {{ ref('int_leases_populated') }}),

subsidiaries as (select * from {{ ref('stg_erp__subsidiaries') }}),

lease_policy as (
    select * from {{ ref('stg_policy__lease_policy') }}
    where policy_id = 'default'
),

payments as (select * from {{ ref('stg_leases__lease_payments') }}),

payment_checks as (
    select
        payments.lease_id,
        count(*) filter (where payments.payment_type = 'fixed') as fixed_payment_count,
        count(*) filter (
            where payments.payment_date < leases.commencement_date or payments.payment_date > leases.lease_term_end_date
        ) as payments_outside_term_count
    from payments
    inner join leases on payments.lease_id = leases.lease_id
    group by payments.lease_id
),

checked as (
    select
        leases.*,
        concat_ws(
            '; ',
            case when leases.lease_term_months <= 0 then 'end date before the commencement date' end,
            case when leases.discount_rate is null then 'missing discount rate' end,
            case when leases.base_payment < 0 then 'negative payment' end,
            case
                when coalesce(leases.base_payment, 0) = 0 and coalesce(payment_checks.fixed_payment_count, 0) = 0
                    then 'no fixed lease payments (no base payment and no explicit schedule)'
            end
        ) as error_reason,
        concat_ws(
            '; ',
            case
                when leases.is_short_term_election and leases.lease_term_months > lease_policy.short_term_max_months
                    then 'short-term election on a lease longer than ' || lease_policy.short_term_max_months
                        || ' months: election ignored, lease capitalized'
            end,
            case
                when leases.currency_code <> subsidiaries.functional_currency_code
                    then 'lease currency ' || leases.currency_code || ' differs from the functional currency '
                        || subsidiaries.functional_currency_code || ' of ' || leases.subsidiary_id
                        || ': amounts are carried in the lease currency'
            end,
            case
                when payment_checks.payments_outside_term_count > 0
                    then payment_checks.payments_outside_term_count
                        || ' explicit payment(s) dated outside the lease term: not in the lease liability'
            end
        ) as warning_reason
    from leases
    cross join lease_policy
    left join subsidiaries on leases.subsidiary_id = subsidiaries.subsidiary_id
    left join payment_checks on leases.lease_id = payment_checks.lease_id
),

final as (
    select
        * exclude (error_reason, warning_reason),
        nullif(error_reason, '') as error_reason,
        nullif(warning_reason, '') as warning_reason,
        coalesce(error_reason, '') = '' as is_measured
    from checked
)

select * from final
