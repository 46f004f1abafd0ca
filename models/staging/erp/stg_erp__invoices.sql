-- One row per customer invoice.
-- Typed and validated against the contract of erp/invoices (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'invoices') }}
