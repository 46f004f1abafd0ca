-- One row per asset class - the capitalization and depreciation policy the team maintains.
-- Typed and validated against the contract of policy/asset_classes (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'asset_classes') }}
