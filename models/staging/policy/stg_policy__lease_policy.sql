-- One row per lease accounting policy set (the subledger uses policy_id 'default') - classification thresholds and embedded-lease defaults.
-- Typed and validated against the contract of policy/lease_policy (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'lease_policy') }}
