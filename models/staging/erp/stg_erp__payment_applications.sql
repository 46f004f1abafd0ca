-- One row per application of a payment to an invoice.
-- Typed and validated against the contract of erp/payment_applications (macros/contracts).
{{ infra_accounting.staged_extract('erp', 'payment_applications') }}
