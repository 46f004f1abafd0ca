-- One row per contract per SKU with a negotiated rate.
-- Typed and validated against the contract of crm/contract_rates (macros/contracts).
{{ infra_accounting.staged_extract('crm', 'contract_rates') }}
