-- One row per ASC 360 recoverability test of an asset group - the undiscounted cash flows and the fair value of the group at the test date.
-- Typed and validated against the contract of infra/asset_group_impairment_tests (macros/contracts).
{{ infra_accounting.staged_extract('infra', 'asset_group_impairment_tests') }}
