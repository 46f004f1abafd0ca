-- One row per SKU with its list price.
-- Typed and validated against the contract of metering/skus (macros/contracts).
{{ infra_accounting.staged_extract('metering', 'skus') }}
