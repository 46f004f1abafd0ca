-- One row per AP bill or accrual line coded to a capital project.
-- Typed and validated against the contract of erp/capex_lines (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'capex_lines') }}
