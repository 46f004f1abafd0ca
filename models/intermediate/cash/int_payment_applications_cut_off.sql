-- One row per ERP application of a customer payment to an invoice dated on or before the
-- last day of the close period (an application without a date counts as applied): the
-- applications the AR, unapplied-cash and invoice-to-cash reports see at the close.
-- A view: a filter its readers apply as they read, not a copy of the applications (issue #8).
{{ config(materialized='view') }}

with
applications as (select * from {{ ref('stg_erp__payment_applications') }}),

cut_off as (
    select *
    from applications
    where coalesce(application_date, date '1900-01-01') <= last_day({{ infra_accounting.close_period_month() }})
),

final as (select * from cut_off)

select * from final
