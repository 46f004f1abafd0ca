-- One row per GL account of the chart of accounts.
-- Typed and validated against the contract of erp/accounts (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'accounts') }}
