-- One row per invoice line.
-- Typed and validated against the contract of erp/invoice_lines (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'invoice_lines') }}
