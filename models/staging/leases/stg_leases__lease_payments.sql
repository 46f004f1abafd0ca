-- One row per explicit lease payment (optional; wins over base payment and escalation).
-- Typed and validated against the contract of leases/lease_payments (macros/contracts).
{{ infra_accounting.staged_extract('leases', 'lease_payments') }}
