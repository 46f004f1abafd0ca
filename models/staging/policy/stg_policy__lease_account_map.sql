-- One row per lease accounting role and classification - the GL account the subledger posts to.
-- Typed and validated against the contract of policy/lease_account_map (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'lease_account_map') }}
