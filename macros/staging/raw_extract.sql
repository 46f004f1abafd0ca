{#- The raw rows of one extract, every column as text (the seed by default, or the file
    <extracts_dir>/<source>/<extract>.<extracts_format> when the extracts_dir var is set, csv
    or parquet), as a parenthesised subquery: see extract_relation. -#}
{% macro raw_extract(source_name, extract_name) -%}
    {{- infra_accounting.extract_relation(source_name, extract_name, with_ordinal=false, keep_types=false).relation -}}
{%- endmacro %}

{#- The raw rows of one extract: the seed by default, or the file
    <extracts_dir>/<source>/<extract>.<extracts_format> when the extracts_dir var is set
    (csv or parquet). Contract columns absent from the extract raise an error naming the
    extract when required, or arrive as empty when optional, so no SQL changes per source.
    Returns relation (a parenthesised subquery with the contract columns, as text, and with
    with_ordinal the column extract_row_ordinal: the line of the row, 1 = first data line:
    the parquet file_row_number, or row_number() over () for CSV and seeds) and
    typed_columns: with keep_types, the columns a parquet file already holds in their
    contract type (date, decimal(18, 2) money...), passed through without a text round trip. -#}
{% macro extract_relation(source_name, extract_name, with_ordinal=true, keep_types=true) -%}
    {%- set spec = infra_accounting.extract_contract()[source_name ~ '__' ~ extract_name] -%}
    {%- set extracts_dir = var('extracts_dir', '') | string -%}
    {%- set seed_relation = ref(extract_name) -%}
    {#- dbt unit tests replace the ref by a CTE (__dbt__cte__...): the given rows are the
        extract then, whatever the extracts_dir var says, and they cannot be described. -#}
    {%- set is_unit_test_input = (seed_relation | string).strip('"').startswith('__dbt__cte__') -%}
    {%- set describe_relation = none -%}
    {%- if extracts_dir | length > 0 and not is_unit_test_input -%}
        {%- set extract_format = var('extracts_format', 'csv') -%}
        {%- set path = extracts_dir.rstrip('/') ~ '/' ~ source_name ~ '/' ~ extract_name ~ '.' ~ extract_format -%}
        {%- set extract_label = source_name ~ "/" ~ extract_name -%}
        {%- if execute -%}
            {#- Pre-flight on the file itself, so a bad delivery stops with a message naming the
                extract rather than a reader error: missing, empty (no header line), not UTF-8. -#}
            {#- (a parquet file is binary: its content is not read here, only its size) -#}
            {%- set probe = run_query(
                "select count(*), coalesce(max(size), -1), "
                ~ ("false" if extract_format == 'parquet' else "coalesce(bool_or(try(decode(content)) is null), false)")
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
            {%- set describe_relation = "read_parquet('" ~ path ~ "')" -%}
            {%- set relation = "read_parquet('" ~ path ~ "'" ~ (", file_row_number = true" if with_ordinal else "") ~ ")" -%}
            {%- set ordinal = "extract_file.file_row_number + 1" -%}
        {%- else -%}
            {#- A fixed CSV dialect (comma, double quote): the sniffer never re-guesses the
                delimiter of a hostile file; columns are matched by name, so their order is free. -#}
            {%- set relation = "read_csv('" ~ path ~ "', all_varchar = true, header = true, delim = ',', quote = '\"', escape = '\"')" -%}
            {%- set ordinal = "row_number() over ()" -%}
        {%- endif -%}
    {%- else -%}
        {%- set relation = seed_relation -%}
        {%- set ordinal = "row_number() over ()" -%}
    {%- endif -%}
    {%- set contract_types = {
        'date': 'DATE', 'money': 'DECIMAL(18,2)', 'rate': 'DECIMAL(18,8)', 'quantity': 'DECIMAL(18,4)',
        'integer': 'INTEGER', 'boolean': 'BOOLEAN',
    } -%}
    {%- set typed_columns = [] -%}
    {%- set can_describe = execute and not is_unit_test_input -%}
    {%- set present = [] -%}
    {%- if can_describe -%}
        {%- set described = run_query('describe select * from ' ~ (describe_relation or relation)) -%}
        {%- for row in described.rows -%}
            {%- do present.append(row[0] | lower) -%}
            {%- set column_spec = spec.columns.get(row[0] | lower, {}) -%}
            {%- if keep_types and (row[1] | upper | replace(' ', '')) == contract_types.get(column_spec.get('type', 'text'), '-') -%}
                {%- do typed_columns.append(row[0] | lower) -%}
            {%- endif -%}
        {%- endfor -%}
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
    {%- set relation_sql -%}
    (
        select
            {%- if with_ordinal %}
            {{ ordinal }} as extract_row_ordinal,
            {%- endif %}
            {%- for column_name in spec.columns %}
            {% if column_name in typed_columns -%}
                extract_file.{{ column_name }}
            {%- elif not can_describe or column_name in present -%}
                cast(extract_file.{{ column_name }} as varchar)
            {%- else -%}
                cast(null as varchar)
            {%- endif %} as {{ column_name }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ relation }} as extract_file
    )
    {%- endset -%}
    {{ return({'relation': relation_sql, 'typed_columns': typed_columns}) }}
{%- endmacro %}
