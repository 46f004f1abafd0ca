-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of policy/fixed_asset_policy, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.checked_extract('policy', 'fixed_asset_policy') }}
