-- One row per subledger-to-GL reconciliation - the difference tolerated before the line needs explaining.
-- Typed and validated against the contract of policy/reconciliation_tolerances (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'reconciliation_tolerances') }}
