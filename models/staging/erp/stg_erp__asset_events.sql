-- One row per fixed-asset event (disposal, transfer, impairment, adjustment, life change).
-- Typed and validated against the contract of erp/asset_events (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'asset_events') }}
