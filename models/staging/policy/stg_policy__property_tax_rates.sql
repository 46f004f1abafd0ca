-- One row per property-tax jurisdiction - assessment ratio and tax rate for business personal property.
-- Typed and validated against the contract of policy/property_tax_rates (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'property_tax_rates') }}
