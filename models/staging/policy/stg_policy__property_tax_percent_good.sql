-- One row per property-tax category and age - the percent-good (depreciation) factor applied to
-- original cost for the personal-property return.
-- Typed and validated against the contract of policy/property_tax_percent_good (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'property_tax_percent_good') }}
