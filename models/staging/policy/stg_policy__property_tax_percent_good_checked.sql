-- Generated from macros/contracts by `infra-close generate-staging`; edit the contract, not this file.
-- Every raw row of policy/property_tax_percent_good, typed, with its exception reason (null when it meets the contract).
{{ infra_accounting.checked_extract('policy', 'property_tax_percent_good') }}
