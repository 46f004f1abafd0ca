-- One row per metered usage record: the contract it belongs to (the customer's contract whose
-- usage window holds the day), the month consumed, the month billed and its rating status
-- (rated, or the reason it cannot be rated) - everything rating decides except the price
-- (int_contract_sku_prices, one per contract and SKU, joined by int_usage_records_rated per
-- record and by int_usage_records_summed after summing).
-- A view: the usage records are stored once (staging); matching them is a few hash joins to
-- small tables, done by whoever reads it (the incremental rating models read only the open
-- months). The rule is the macro usage_records_contracted, applied here to every staged record.
{{ config(materialized='view') }}

{{ infra_accounting.usage_records_contracted(ref('stg_metering__usage')) }}
