-- One row per legal entity (NetSuite subsidiary).
-- Typed and validated against the contract of erp/subsidiaries (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'subsidiaries') }}
