-- One row per customer.
-- Typed and validated against the contract of erp/customers (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'customers') }}
