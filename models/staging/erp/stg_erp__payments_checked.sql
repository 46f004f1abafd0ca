-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of erp/payments, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.incremental_by_extract_month() }}
{{ infra_accounting.checked_extract('erp', 'payments') }}
