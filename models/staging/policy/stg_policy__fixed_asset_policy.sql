-- One row - the fixed-asset and CIP policy parameters the team maintains (CIP aging thresholds, GL accounts of events, tax rate).
-- Typed and validated against the contract of policy/fixed_asset_policy (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'fixed_asset_policy') }}
