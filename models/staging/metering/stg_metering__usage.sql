-- One row per metered usage record (customer, SKU, location, day).
-- Typed and validated against the contract of metering/usage (macros/contracts).
{{ infra_accounting.staged_extract('metering', 'usage') }}
