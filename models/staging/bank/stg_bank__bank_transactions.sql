-- One row per bank statement line.
-- Typed and validated against the contract of bank/bank_transactions (macros/contracts).
{{ infra_accounting.staged_extract('bank', 'bank_transactions') }}
