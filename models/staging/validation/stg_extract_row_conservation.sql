-- One row per extract: raw rows landed, rows staged, rows set aside as exceptions.
-- The row-conservation control proves raw = staged + exceptions, so no row disappears.
{%- set contract = infra_accounting.extract_contract() %}
with
raw_counts as (
    {%- for qualified_name, spec in contract.items() %}
        select
            '{{ spec.source }}/{{ spec.extract }}' as extract_name,
            count(*) as raw_row_count
        from {{ infra_accounting.raw_extract(spec.source, spec.extract) }}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
),

staged_counts as (
    {%- for qualified_name, spec in contract.items() %}
        select
            '{{ spec.source }}/{{ spec.extract }}' as extract_name,
            count(*) as staged_row_count
        from {{ ref('stg_' ~ spec.source ~ '__' ~ spec.extract) }}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
),

exception_counts as (
    select
        extract_name,
        count(*) as exception_row_count
    from {{ ref('stg_extract_exceptions') }}
    group by extract_name
),

final as (
    select
        raw_counts.extract_name,
        raw_counts.raw_row_count,
        coalesce(staged_counts.staged_row_count, 0) as staged_row_count,
        coalesce(exception_counts.exception_row_count, 0) as exception_row_count,
        raw_counts.raw_row_count
        - coalesce(staged_counts.staged_row_count, 0)
        - coalesce(exception_counts.exception_row_count, 0) as unaccounted_row_count
    from raw_counts
    left join staged_counts on raw_counts.extract_name = staged_counts.extract_name
    left join exception_counts on raw_counts.extract_name = exception_counts.extract_name
)

select * from final
