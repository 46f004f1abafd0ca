-- One row per bank account. Typed and validated against the contract of bank/bank_accounts
-- (macros/contracts); the account number is masked to its last four digits here, the only
-- place the raw extract is read, so no mart or export can show it.
with
staged as (
    {{ infra_accounting.staged_extract('bank', 'bank_accounts') }}
),

final as (
    select
        * replace (
            case
                when account_number is not null
                    then '****' || right(regexp_replace(account_number, '[^0-9A-Za-z]', '', 'g'), 4)
            end as account_number
        )
    from staged
)

select * from final
