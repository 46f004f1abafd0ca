-- One row per customer contract.
-- Typed and validated against the contract of crm/contracts (macros/contracts).
{{ infra_accounting.staged_extract('crm', 'contracts') }}
