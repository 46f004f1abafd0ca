-- One row per customer payment received in the ERP.
-- Typed and validated against the contract of erp/payments (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'payments') }}
