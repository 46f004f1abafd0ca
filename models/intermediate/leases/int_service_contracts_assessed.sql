-- One row per service contract: the ASC 842-10-15 embedded-lease assessment, each criterion shown.
with
service_contracts as (select * from {{ ref('stg_leases__service_contracts') }}),

assessed as (
    select
        service_contracts.contract_id,
        service_contracts.subsidiary_id,
        service_contracts.vendor_name,
        service_contracts.description,
        service_contracts.start_date,
        service_contracts.end_date,
        service_contracts.monthly_fee,
        service_contracts.currency_code,
        service_contracts.has_identified_asset as is_identified_asset_met,
        not service_contracts.supplier_has_substantive_substitution_right as is_no_substantive_substitution_met,
        service_contracts.customer_obtains_substantially_all_benefits as is_substantially_all_benefits_met,
        service_contracts.customer_directs_use as is_right_to_direct_use_met
    from service_contracts
),

final as (
    select
        *,
        is_identified_asset_met
        and is_no_substantive_substitution_met
        and is_substantially_all_benefits_met
        and is_right_to_direct_use_met as contains_lease,
        case
            when not is_identified_asset_met then 'no identified asset (ASC 842-10-15-9)'
            when not is_no_substantive_substitution_met then 'supplier has a substantive substitution right (ASC 842-10-15-10)'
            when
                not is_substantially_all_benefits_met
                then 'customer does not obtain substantially all economic benefits (ASC 842-10-15-17)'
            when not is_right_to_direct_use_met then 'customer does not direct the use of the asset (ASC 842-10-15-20)'
            else 'contains a lease: identified asset, no substantive substitution, substantially all benefits, customer directs use'
        end as assessment_conclusion
    from assessed
)

select * from final
