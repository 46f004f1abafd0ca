-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of policy/bonus_depreciation_rates, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.checked_extract('policy', 'bonus_depreciation_rates') }}
