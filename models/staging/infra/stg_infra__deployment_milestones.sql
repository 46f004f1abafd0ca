-- One row per project per deployment milestone; `accepted` is the placed-in-service evidence.
-- Typed and validated against the contract of infra/deployment_milestones (macros/contracts).
{{ infra_accounting.staged_extract('infra', 'deployment_milestones') }}
