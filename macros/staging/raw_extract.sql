{#- The raw rows of one extract, every column as text: the seed by default, or the file
    <extracts_dir>/<source>/<extract>.<extracts_format> when the extracts_dir var is set
    (csv or parquet). Contract columns absent from the extract raise an error naming the
    extract when required, or arrive as empty when optional, so no SQL changes per source. -#}
{% macro raw_extract(source_name, extract_name) -%}
    {%- set spec = infra_accounting.extract_contract()[source_name ~ '__' ~ extract_name] -%}
    {%- set extracts_dir = var('extracts_dir', '') | string -%}
    {%- set seed_relation = ref(extract_name) -%}
    {#- dbt unit tests replace the ref by a CTE (__dbt__cte__...): the given rows are the
        extract then, whatever the extracts_dir var says, and they cannot be described. -#}
    {%- set is_unit_test_input = (seed_relation | string).strip('"').startswith('__dbt__cte__') -%}
    {%- if extracts_dir | length > 0 and not is_unit_test_input -%}
        {%- set extract_format = var('extracts_format', 'csv') -%}
        {%- set path = extracts_dir.rstrip('/') ~ '/' ~ source_name ~ '/' ~ extract_name ~ '.' ~ extract_format -%}
        {%- if extract_format == 'parquet' -%}
            {%- set relation = "read_parquet('" ~ path ~ "')" -%}
        {%- else -%}
            {%- set relation = "read_csv('" ~ path ~ "', all_varchar = true, header = true, auto_detect = true)" -%}
        {%- endif -%}
    {%- else -%}
        {%- set relation = seed_relation -%}
    {%- endif -%}
    {%- set can_describe = execute and not is_unit_test_input -%}
    {%- set present = [] -%}
    {%- if can_describe -%}
        {%- set described = run_query('describe select * from ' ~ relation) -%}
        {%- for row in described.rows -%}{%- do present.append(row[0] | lower) -%}{%- endfor -%}
        {%- set missing_required = [] -%}
        {%- for column_name, column_spec in spec.columns.items() -%}
            {%- if column_name not in present and column_spec.get('required', false) -%}
                {%- do missing_required.append(column_name) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if missing_required | length > 0 -%}
            {{ exceptions.raise_compiler_error(
                "Extract " ~ source_name ~ "/" ~ extract_name ~ " is missing required column(s): "
                ~ missing_required | join(', ') ~ ". The extract must have the contract's columns "
                ~ "(docs/extracts.md); found: " ~ present | join(', ')
            ) }}
        {%- endif -%}
    {%- endif -%}
    (
        select
            {%- for column_name in spec.columns %}
            {% if not can_describe or column_name in present -%}
                cast(extract_file.{{ column_name }} as varchar)
            {%- else -%}
                cast(null as varchar)
            {%- endif %} as {{ column_name }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ relation }} as extract_file
    )
{%- endmacro %}
