-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of policy/macrs_percentages, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.checked_extract('policy', 'macrs_percentages') }}
