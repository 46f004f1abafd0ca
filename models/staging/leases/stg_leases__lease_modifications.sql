-- One row per lease modification or remeasurement event.
-- Typed and validated against the contract of leases/lease_modifications (macros/contracts).
{{ infra_accounting.staged_extract('leases', 'lease_modifications') }}
