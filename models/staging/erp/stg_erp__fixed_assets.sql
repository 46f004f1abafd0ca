-- One row per asset in the fixed-asset register.
-- Typed and validated against the contract of erp/fixed_assets (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'fixed_assets') }}
