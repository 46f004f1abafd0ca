-- One row per proposed journal line of the lease subledger for every month up to the close
-- period, in the functional currency: commencement (ROU / liability / IDC / incentives / prepaid
-- rent), the monthly accounting (single lease cost or interest + amortization, payments through
-- AP, separated non-lease components, variable payments, short-term cost), the current /
-- non-current reclassification, reclassification between operating and finance, and
-- modifications and terminations (remeasurement, derecognition, gain or loss).
with
schedule as (
    select * from {{ ref('fct_lease_schedule') }}
    where period_month <= {{ infra_accounting.close_period_month() }}
),

leases as (select * from {{ ref('int_leases_validated') }}),

segments as (select * from {{ ref('int_lease_segments_prepared') }}),

account_map as (select * from {{ ref('stg_policy__lease_account_map') }}),

class_accounts as (
    select
        classifications.classification,
        max(account_map.account_number) filter (where account_map.account_role = 'rou_asset') as rou_account,
        max(account_map.account_number) filter (where account_map.account_role = 'rou_accumulated_amortization')
            as rou_accumulated_account,
        max(account_map.account_number) filter (where account_map.account_role = 'liability_current')
            as liability_current_account,
        max(account_map.account_number) filter (where account_map.account_role = 'liability_noncurrent')
            as liability_noncurrent_account,
        max(account_map.account_number) filter (where account_map.account_role = 'lease_cost') as lease_cost_account,
        max(account_map.account_number) filter (where account_map.account_role = 'rou_amortization_expense')
            as amortization_expense_account,
        max(account_map.account_number) filter (where account_map.account_role = 'interest_expense')
            as interest_expense_account
    from (select unnest(['operating', 'finance', 'short_term']) as classification) as classifications
    left join account_map on classifications.classification = account_map.classification
    group by classifications.classification
),

common_accounts as (
    select
        max(account_number) filter (where account_role = 'variable_cost') as variable_cost_account,
        max(account_number) filter (where account_role = 'gain_loss') as gain_loss_account,
        max(account_number) filter (where account_role = 'impairment_loss') as impairment_account,
        max(account_number) filter (where account_role = 'accounts_payable') as payable_account,
        max(account_number) filter (where account_role = 'prepaid_rent') as prepaid_account,
        max(account_number) filter (where account_role = 'accrued_rent') as accrued_account
    from account_map
    where classification = 'any'
),

enriched as (
    select
        schedule.*,
        leases.commencement_date,
        leases.initial_direct_costs,
        leases.lease_incentives,
        leases.prepaid_rent,
        leases.non_lease_cost_account,
        strftime(schedule.period_month, '%Y-%m') as period_label,
        coalesce(lag(schedule.classification) over lease_months, schedule.classification) as previous_classification,
        coalesce(lag(schedule.liability_current_amount) over lease_months, 0) as previous_current_amount,
        coalesce(lag(schedule.liability_noncurrent_amount) over lease_months, 0) as previous_noncurrent_amount,
        coalesce(sum(
            case when schedule.classification = 'finance' then schedule.rou_amortization_amount else 0 end
        ) over (
            partition by schedule.lease_id order by schedule.period_month
            rows between unbounded preceding and 1 preceding
        ), 0) as finance_accumulated_before_amount,
        segments.event_type,
        segments.modification_id,
        segments.effective_date
    from schedule
    inner join leases on schedule.lease_id = leases.lease_id
    left join segments
        on
            schedule.lease_id = segments.lease_id
            and schedule.segment_number = segments.segment_number
            and segments.segment_number > 0
    window lease_months as (partition by schedule.lease_id order by schedule.period_month)
),

with_accounts as (
    select
        enriched.*,
        current_accounts.rou_account,
        current_accounts.rou_accumulated_account,
        current_accounts.liability_current_account,
        current_accounts.liability_noncurrent_account,
        current_accounts.lease_cost_account,
        current_accounts.amortization_expense_account,
        current_accounts.interest_expense_account,
        previous_accounts.rou_account as previous_rou_account,
        previous_accounts.rou_accumulated_account as previous_rou_accumulated_account,
        previous_accounts.liability_current_account as previous_liability_current_account,
        previous_accounts.liability_noncurrent_account as previous_liability_noncurrent_account,
        common_accounts.*
    from enriched
    cross join common_accounts
    inner join class_accounts as current_accounts on enriched.classification = current_accounts.classification
    inner join class_accounts as previous_accounts on enriched.previous_classification = previous_accounts.classification
),

-- noqa: disable=AL03
-- (union branches take their column names from the first branch)
signed_lines as (
    -- commencement: Dr ROU, Cr liability, Cr AP for initial direct costs, Cr prepaid rent, Dr AP for incentives
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        commencement_date as posting_date,
        'LS-CMN-' || lease_id as journal_id,
        'lease_commencement' as journal_type,
        1 as line_order,
        rou_account as account_number,
        rou_commencement_amount as signed_amount,
        'ROU asset recognized at commencement (' || classification || ' lease)' as memo
    from with_accounts
    where rou_commencement_amount <> 0 or liability_commencement_amount <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        commencement_date,
        'LS-CMN-' || lease_id,
        'lease_commencement',
        2,
        liability_noncurrent_account,
        -liability_commencement_amount,
        'Lease liability recognized at commencement: present value of the lease payments'
    from with_accounts
    where liability_commencement_amount <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        commencement_date,
        'LS-CMN-' || lease_id,
        'lease_commencement',
        3,
        payable_account,
        -initial_direct_costs,
        'Initial direct costs capitalized into the ROU asset'
    from with_accounts
    where liability_commencement_amount <> 0 and initial_direct_costs <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        commencement_date,
        'LS-CMN-' || lease_id,
        'lease_commencement',
        4,
        prepaid_account,
        -prepaid_rent,
        'Rent prepaid before commencement moved into the ROU asset'
    from with_accounts
    where liability_commencement_amount <> 0 and prepaid_rent <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        commencement_date,
        'LS-CMN-' || lease_id,
        'lease_commencement',
        5,
        payable_account,
        lease_incentives,
        'Lease incentive receivable from the lessor deducted from the ROU asset'
    from with_accounts
    where liability_commencement_amount <> 0 and lease_incentives <> 0

    -- reclassification between operating and finance at a modification: move the balances
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-RCL-' || lease_id || '-' || period_label,
        'lease_reclassification',
        1,
        rou_account,
        rou_opening_amount,
        'ROU asset moved to ' || classification || ' on reclassification'
    from with_accounts
    where classification <> previous_classification
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-RCL-' || lease_id || '-' || period_label,
        'lease_reclassification',
        2,
        previous_rou_account,
        -(rou_opening_amount + case when previous_classification = 'finance' then finance_accumulated_before_amount else 0 end),
        'ROU asset (cost) moved out of ' || previous_classification || ' on reclassification'
    from with_accounts
    where classification <> previous_classification
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-RCL-' || lease_id || '-' || period_label,
        'lease_reclassification',
        3,
        previous_rou_accumulated_account,
        finance_accumulated_before_amount,
        'Accumulated ROU amortization cleared on reclassification out of finance'
    from with_accounts
    where classification <> previous_classification and previous_classification = 'finance'
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-RCL-' || lease_id || '-' || period_label,
        'lease_reclassification',
        4,
        previous_liability_current_account,
        previous_current_amount,
        'Current lease liability moved on reclassification'
    from with_accounts
    where classification <> previous_classification
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-RCL-' || lease_id || '-' || period_label,
        'lease_reclassification',
        5,
        liability_current_account,
        -previous_current_amount,
        'Current lease liability moved on reclassification'
    from with_accounts
    where classification <> previous_classification
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-RCL-' || lease_id || '-' || period_label,
        'lease_reclassification',
        6,
        previous_liability_noncurrent_account,
        previous_noncurrent_amount,
        'Non-current lease liability moved on reclassification'
    from with_accounts
    where classification <> previous_classification
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-RCL-' || lease_id || '-' || period_label,
        'lease_reclassification',
        7,
        liability_noncurrent_account,
        -previous_noncurrent_amount,
        'Non-current lease liability moved on reclassification'
    from with_accounts
    where classification <> previous_classification

    -- modification / remeasurement / termination at its effective date
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-MOD-' || lease_id || '-' || period_label,
        'lease_modification',
        1,
        liability_noncurrent_account,
        liability_derecognized_amount - liability_remeasurement_amount,
        'Lease liability remeasured / derecognized (' || coalesce(event_type, 'termination') || ' '
        || coalesce(modification_id, '') || ')'
    from with_accounts
    where liability_remeasurement_amount <> 0 or liability_derecognized_amount <> 0
        or rou_remeasurement_amount <> 0 or rou_derecognized_amount <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-MOD-' || lease_id || '-' || period_label,
        'lease_modification',
        2,
        rou_account,
        rou_remeasurement_amount - rou_derecognized_amount
        - case
            when classification = 'finance' and rou_closing_amount = 0 and rou_derecognized_amount <> 0
                then finance_accumulated_before_amount + rou_amortization_amount
            else 0
        end,
        'ROU asset adjusted / derecognized (' || coalesce(event_type, 'termination') || ' '
        || coalesce(modification_id, '') || ')'
    from with_accounts
    where liability_remeasurement_amount <> 0 or liability_derecognized_amount <> 0
        or rou_remeasurement_amount <> 0 or rou_derecognized_amount <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-MOD-' || lease_id || '-' || period_label,
        'lease_modification',
        3,
        rou_accumulated_account,
        finance_accumulated_before_amount + rou_amortization_amount,
        'Accumulated ROU amortization cleared on termination'
    from with_accounts
    where classification = 'finance' and rou_closing_amount = 0 and rou_derecognized_amount <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-MOD-' || lease_id || '-' || period_label,
        'lease_modification',
        4,
        payable_account,
        -termination_payment_amount,
        'Termination payment owed to the lessor'
    from with_accounts
    where termination_payment_amount <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-MOD-' || lease_id || '-' || period_label,
        'lease_modification',
        5,
        gain_loss_account,
        -gain_loss_amount,
        case when gain_loss_amount > 0 then 'Gain' else 'Loss' end || ' on lease termination / decrease in scope'
    from with_accounts
    where gain_loss_amount <> 0

    -- ROU impairment (ASC 360): Dr impairment loss, Cr ROU asset
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-IMP-' || lease_id || '-' || period_label,
        'lease_impairment',
        1,
        impairment_account,
        rou_impairment_amount,
        'Impairment of the ROU asset (ASC 360-10-35, ' || coalesce(modification_id, '') || ')'
    from with_accounts
    where rou_impairment_amount <> 0
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        coalesce(effective_date, period_end_date),
        'LS-IMP-' || lease_id || '-' || period_label,
        'lease_impairment',
        2,
        case when classification = 'finance' then rou_accumulated_account else rou_account end,
        -rou_impairment_amount,
        'Impairment of the ROU asset (ASC 360-10-35, ' || coalesce(modification_id, '') || ')'
    from with_accounts
    where rou_impairment_amount <> 0

    -- monthly accounting
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        1,
        lease_cost_account,
        lease_cost_amount,
        case when classification = 'short_term' then 'Short-term lease cost (straight-line)'
            else 'Operating lease cost (straight-line single lease cost)'
        end
    from with_accounts
    where classification in ('operating', 'short_term')
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        2,
        interest_expense_account,
        interest_amount,
        'Interest on the finance lease liability (effective interest)'
    from with_accounts
    where classification = 'finance'
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        3,
        amortization_expense_account,
        rou_amortization_amount,
        'Finance lease ROU amortization (straight-line)'
    from with_accounts
    where classification = 'finance'
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        4,
        rou_accumulated_account,
        -rou_amortization_amount,
        'Accumulated amortization of the finance ROU asset'
    from with_accounts
    where classification = 'finance'
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        5,
        rou_account,
        -rou_amortization_amount,
        'Operating ROU asset amortization (single lease cost less accretion of the liability)'
    from with_accounts
    where classification = 'operating'
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        6,
        liability_noncurrent_account,
        payment_amount - interest_amount,
        'Lease payment applied to the liability, net of interest accreted'
    from with_accounts
    where classification in ('operating', 'finance')
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        7,
        payable_account,
        -payment_amount,
        'Lease payment due to the lessor (paid through AP)'
    from with_accounts
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        8,
        accrued_account,
        payment_amount - lease_cost_amount,
        'Short-term lease: straight-line cost vs payments'
    from with_accounts
    where classification = 'short_term'
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        9,
        non_lease_cost_account,
        non_lease_component_amount,
        'Non-lease component (services) separated and expensed as incurred'
    from with_accounts
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        10,
        variable_cost_account,
        variable_payment_amount,
        'Variable lease payment expensed as incurred'
    from with_accounts
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-MTH-' || lease_id || '-' || period_label,
        'lease_monthly',
        11,
        payable_account,
        -(non_lease_component_amount + variable_payment_amount),
        'Non-lease and variable payments due to the lessor (paid through AP)'
    from with_accounts

    -- current / non-current split of the liability at the month end
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-CUR-' || lease_id || '-' || period_label,
        'lease_current_reclass',
        1,
        liability_noncurrent_account,
        liability_current_amount - previous_current_amount,
        'Lease liability due within twelve months reclassified to current'
    from with_accounts
    union all
    select
        lease_id,
        subsidiary_id,
        currency_code,
        period_month,
        period_end_date,
        'LS-CUR-' || lease_id || '-' || period_label,
        'lease_current_reclass',
        2,
        liability_current_account,
        -(liability_current_amount - previous_current_amount),
        'Lease liability due within twelve months reclassified to current'
    from with_accounts
),

-- noqa: enable=AL03
final as (
    select
        journal_id,
        cast(row_number() over (
            partition by journal_id order by line_order, account_number
        ) as integer) as journal_line_number,
        subsidiary_id,
        period_month,
        cast(posting_date as date) as posting_date,
        account_number,
        {{ infra_accounting.money('greatest(signed_amount, 0)') }} as debit_amount,
        {{ infra_accounting.money('greatest(-signed_amount, 0)') }} as credit_amount,
        currency_code,
        journal_type,
        'leases' as source_area,
        lease_id as source_document_id,
        memo
    from signed_lines
    where signed_amount <> 0
)

select * from final
