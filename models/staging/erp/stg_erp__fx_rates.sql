-- One row per month-end rate date, currency pair and rate type.
-- Typed and validated against the contract of erp/fx_rates (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'fx_rates') }}
