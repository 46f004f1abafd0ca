-- One row per lease abstract.
-- Typed and validated against the contract of leases/lease_contracts (macros/contracts).
{{ infra_accounting.staged_extract('leases', 'lease_contracts') }}
