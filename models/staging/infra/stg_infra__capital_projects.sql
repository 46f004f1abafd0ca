-- One row per capital project (a cluster build-out tracked through CIP).
-- Typed and validated against the contract of infra/capital_projects (macros/contracts).
{{ infra_accounting.staged_extract('infra', 'capital_projects') }}
