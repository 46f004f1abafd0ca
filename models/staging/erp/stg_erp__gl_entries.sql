-- One row per posted GL journal line.
-- Typed and validated against the contract of erp/gl_entries (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'gl_entries') }}
