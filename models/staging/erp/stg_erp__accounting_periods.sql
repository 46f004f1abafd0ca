-- One row per ERP accounting period (month) with its close status.
-- Typed and validated against the contract of erp/accounting_periods (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'accounting_periods') }}
