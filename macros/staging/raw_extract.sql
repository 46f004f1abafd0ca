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
        {%- set extract_label = source_name ~ "/" ~ extract_name -%}
        {%- if execute -%}
            {#- Pre-flight on the file itself, so a bad delivery stops with a message naming the
                extract rather than a reader error: missing, empty (no header line), not UTF-8. -#}
            {%- set probe = run_query(
                "select count(*), coalesce(max(size), -1), coalesce(bool_or(try(decode(content)) is null), false)"
                ~ " from read_blob('" ~ path ~ "')"
            ) if run_query("select count(*) from glob('" ~ path ~ "')").rows[0][0] > 0 else none -%}
            {%- if probe is none -%}
                {{ exceptions.raise_compiler_error(
                    "Extract " ~ extract_label ~ " was not delivered: no file at " ~ path
                    ~ ". Every extract of the contract must be present (an extract with no rows is its header line only)."
                ) }}
            {%- elif probe.rows[0][1] == 0 -%}
                {{ exceptions.raise_compiler_error(
                    "Extract " ~ extract_label ~ " is an empty file (0 bytes) at " ~ path
                    ~ ": it has no header line, so its columns cannot be checked. An extract with no rows must still have its header line."
                ) }}
            {%- elif extract_format != 'parquet' and probe.rows[0][2] -%}
                {{ exceptions.raise_compiler_error(
                    "Extract " ~ extract_label ~ " at " ~ path ~ " is not UTF-8 text (for example a spreadsheet saved as"
                    ~ " Windows-1252): save it as CSV UTF-8 and deliver it again. No row of it was loaded."
                ) }}
            {%- endif -%}
        {%- endif -%}
        {%- if extract_format == 'parquet' -%}
            {%- set relation = "read_parquet('" ~ path ~ "')" -%}
        {%- else -%}
            {#- A fixed CSV dialect (comma, double quote): the sniffer never re-guesses the
                delimiter of a hostile file; columns are matched by name, so their order is free. -#}
            {%- set relation = "read_csv('" ~ path ~ "', all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"')" -%}
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
        {%- set unknown_columns = [] -%}
        {%- for column_name in present -%}
            {%- if column_name not in spec.columns -%}{%- do unknown_columns.append(column_name) -%}{%- endif -%}
        {%- endfor -%}
        {%- if unknown_columns | length > 0 and not is_unit_test_input -%}
            {{ log("Extract " ~ source_name ~ "/" ~ extract_name ~ " has column(s) not in the contract, ignored: "
                ~ unknown_columns | join(', ') ~ " (a renamed column? see docs/extracts.md)", info=true) }}
        {%- endif -%}
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
