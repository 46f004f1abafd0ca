-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of policy/lease_account_map, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.checked_extract('policy', 'lease_account_map') }}
