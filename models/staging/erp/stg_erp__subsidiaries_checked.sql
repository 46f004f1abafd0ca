-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of erp/subsidiaries, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.checked_extract('erp', 'subsidiaries') }}
