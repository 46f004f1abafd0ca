-- One row per contract type - the revenue recognition, breakage and contract-cost policy the team maintains, with its GL accounts.
-- Typed and validated against the contract of policy/revenue_policy (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'revenue_policy') }}
