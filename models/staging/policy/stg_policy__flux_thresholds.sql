-- One row per flux threshold: the default (account_number empty) and per-account overrides, per comparison.
-- Typed and validated against the contract of policy/flux_thresholds (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'flux_thresholds') }}
