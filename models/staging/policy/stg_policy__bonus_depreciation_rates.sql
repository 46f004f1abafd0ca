-- One row per tax year - the statutory bonus depreciation percentage (IRC 168(k)) and whether the company elects out.
-- Typed and validated against the contract of policy/bonus_depreciation_rates (macros/contracts).
{{ infra_accounting.staged_extract('policy', 'bonus_depreciation_rates') }}
