-- One row per location (data centre or office).
-- Typed and validated against the contract of infra/locations (macros/contracts).
{{ infra_accounting.staged_extract('infra', 'locations') }}
