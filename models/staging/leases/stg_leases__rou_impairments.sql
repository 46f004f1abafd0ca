-- One row per impairment of a lease right-of-use asset (ASC 842-20-35-9, ASC 360-10-35) - the loss
-- measured by the asset-group impairment test, maintained by hand by the lease accountant (the demo
-- generator does not produce it).
-- Typed and validated against the contract of leases/rou_impairments (macros/contracts).
{{ infra_accounting.staged_extract('leases', 'rou_impairments') }}
