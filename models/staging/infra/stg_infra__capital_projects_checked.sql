-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of infra/capital_projects, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.checked_extract('infra', 'capital_projects') }}
