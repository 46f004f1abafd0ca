-- One row per service or supply contract assessed for an embedded lease.
-- Typed and validated against the contract of leases/service_contracts (macros/contracts).
{{ infra_accounting.staged_extract('leases', 'service_contracts') }}
