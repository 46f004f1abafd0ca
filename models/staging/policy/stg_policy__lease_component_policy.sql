-- One row per class of underlying asset - the ASC 842-10-15-37 practical expedient election (combine
-- lease and non-lease components) and the cost accounts.
-- Typed and validated against the contract of policy/lease_component_policy (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'lease_component_policy') }}
