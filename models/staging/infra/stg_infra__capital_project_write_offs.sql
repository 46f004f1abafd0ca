-- One row per write-off of construction in progress - costs of an abandoned or partly abandoned
-- capital project that will not become part of an asset in service.
-- Typed and validated against the contract of infra/capital_project_write_offs (macros/contracts).
{{ infra_accounting.staged_extract('infra', 'capital_project_write_offs') }}
