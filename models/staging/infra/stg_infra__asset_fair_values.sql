-- One row per impairment test and asset whose own fair value is determinable without undue cost and effort.
-- Typed and validated against the contract of infra/asset_fair_values (macros/contracts).
{{ infra_accounting.staged_extract('infra', 'asset_fair_values') }}
