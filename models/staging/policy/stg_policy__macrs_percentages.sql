-- One row per MACRS table, recovery period, period placed in service and recovery year - the IRS Publication 946 Appendix A percentages.
-- Typed and validated against the contract of policy/macrs_percentages (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'macrs_percentages') }}
