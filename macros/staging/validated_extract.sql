{#- Every raw row of one extract, cast to the contract types, with the reasons it breaks the
    contract (null when the row is good): missing required value, unparseable
    date/amount/number/boolean, value out of range (negative cost...), unknown enum value,
    unknown foreign key, reversed dates, duplicate key (conflicting rows are all set aside;
    an exact copy of an earlier row is set aside alone, as a warning). It is run ONCE per
    extract, by the extract's checked model (checked_extract); the staged model and
    stg_extract_exceptions read that table (docs/extracts.md, DECISIONLOG D-007).

    Built to cost little per row on large files: the row ordinal is the parquet
    file_row_number (row_number() over () only for CSV and seeds); a column the file already
    holds in the contract type is not cast through text; the key's duplicates are found by
    one GROUP BY ... HAVING count(*) > 1 and only the rows of those keys get a fingerprint and
    window functions; foreign keys and currencies are hash joins on the distinct parent keys;
    the reason texts, row key and raw JSON are built only for rows that have a reason.

    incremental_from: none, or a date literal; when set, only the rows whose
    incremental_month_column falls in or after that month (or has no readable date), or
    whose incremental_received_column does (a delivery feed), are read, and parquet skips the row groups before it when the column is typed; a re-read
    row whose key is already in a kept (closed) month of the table, staged or set aside, is
    an error too (a duplicate across months, which the re-read rows alone cannot show). -#}
{% macro validated_extract(source_name, extract_name, incremental_from=none) -%}
    {%- set contract = infra_accounting.extract_contract() -%}
    {%- set spec = contract[source_name ~ '__' ~ extract_name] -%}
    {%- set key_columns = spec.key -%}
    {%- set extract = infra_accounting.extract_relation(source_name, extract_name) -%}
    {%- set month_column = spec.get('incremental_month_column') -%}
    {#- Per column: typed = the typed value over a row of raw_rows; raw = the landed text
        (masked, trimmed, empty = null) over raw__<column>, for the messages. A column the
        file already holds in its contract type is used as is. -#}
    {%- set typed = {} -%}
    {%- set raw = {} -%}
    {%- for column_name, column_spec in spec.columns.items() -%}
        {%- set column_type = column_spec.get('type', 'text') -%}
        {%- if column_name in extract.typed_columns -%}
            {%- set landed_template = 'cast(@ as varchar)' -%}
            {%- do typed.update({column_name: column_name}) -%}
        {%- else -%}
            {%- set landed_template = '@' if column_spec.get('mask') else "nullif(trim(@), '')" -%}
            {%- do typed.update({column_name: infra_accounting.cast_extract_value(landed_template | replace('@', column_name), column_type)}) -%}
        {%- endif -%}
        {%- do raw.update({column_name: landed_template | replace('@', 'raw__' ~ column_name)}) -%}
    {%- endfor -%}
    {#- Masked columns never carry the full value past the first read (DECISIONLOG RS-001):
        last_four keeps '****' and the last four characters (bank account numbers);
        long_digit_runs masks every run of 9+ digits inside free text (card or account numbers
        in remittance text, contiguous or in 4-4-4-4 / 4-6-5 groups) to '****' and its last
        digits; invoice numbers and dates (short digit groups) are kept. -#}
    {%- set first_read = [] -%}
    {%- for column_name, column_spec in spec.columns.items() -%}
        {%- set value = "nullif(trim(extract_file." ~ column_name ~ "), '')" -%}
        {%- if column_spec.get('mask') == 'last_four' -%}
            {%- set value = "case when " ~ value ~ " is not null then '****' || right(regexp_replace(" ~ value
                ~ ", '[^0-9A-Za-z]', '', 'g'), 4) end" -%}
        {%- elif column_spec.get('mask') == 'long_digit_runs' -%}
            {%- set value = "regexp_replace(regexp_replace(" ~ value
                ~ ", '[0-9]{4}[ -][0-9]{4,6}[ -](?:[0-9]{4}[ -])?[0-9]?([0-9]{4})', '****\\1', 'g')"
                ~ ", '[0-9]{5,}([0-9]{4})', '****\\1', 'g')" -%}
        {%- else -%}
            {%- set value = "extract_file." ~ column_name -%}
        {%- endif -%}
        {%- do first_read.append(value ~ " as " ~ column_name) -%}
    {%- endfor -%}
    {%- set received_column = spec.get('incremental_received_column') -%}
    {%- if month_column and incremental_from -%}
        {%- set month_filters = ["(" ~ typed[month_column] ~ " >= " ~ incremental_from ~ " or " ~ typed[month_column] ~ " is null)"] -%}
        {%- if received_column -%}
            {#- a delivery feed also re-reads every row of an earlier month delivered from the
                first re-read month on (late usage of any earlier month; delete_reread_months
                deletes the same rows): a second read of the file, so that each read's filter
                is on one column and parquet skips the row groups outside it (an OR across the
                two columns read every row group) -#}
            {%- do month_filters.append("(" ~ typed[received_column] ~ " >= " ~ incremental_from
                ~ " and " ~ typed[month_column] ~ " < " ~ incremental_from ~ ")") -%}
        {%- endif -%}
    {%- else -%}
        {%- set month_filters = ["true"] -%}
    {%- endif -%}
    {#- The rows read (masked at the first read), as a subquery: one read of the file per
        filter, the reads disjoint. The duplicate keys re-read the file (cheaper than
        materialising every row in between); the fingerprint of a duplicated key's rows is
        over the text as landed, before masking, as before. -#}
    {%- set raw_rows -%}
        (
            {%- for month_filter in month_filters %}
            select *
            from (
                select
                    extract_file.extract_row_ordinal as source_row_number,
                    {{ first_read | join(',\n                    ') }}
                from {{ extract.relation }} as extract_file
            ) as first_read_rows
            where {{ month_filter }}
            {{- '\n            union all' if not loop.last }}
            {%- endfor %}
        )
    {%- endset -%}
    {%- set unmasked_rows -%}
        (
            {%- for month_filter in month_filters %}
            select *
            from (
                select
                    extract_file.extract_row_ordinal as source_row_number,
                    {%- for column_name in spec.columns %}
                    extract_file.{{ column_name }}{{ ',' if not loop.last }}
                    {%- endfor %}
                from {{ extract.relation }} as extract_file
            ) as unmasked_read_rows
            where {{ month_filter }}
            {{- '\n            union all' if not loop.last }}
            {%- endfor %}
        )
    {%- endset -%}
    {#- The checks, each a condition (over the typed values) and its message (over the text). -#}
    {%- set checks = [] -%}
    {%- set parent_joins = [] -%}
    {%- for column_name, column_spec in spec.columns.items() -%}
        {%- set column_type = column_spec.get('type', 'text') -%}
        {%- set cast_from_text = column_type not in ('text', 'currency', 'currency_format') and column_name not in extract.typed_columns -%}
        {%- if column_spec.get('required', false) -%}
            {%- do checks.append({
                'condition': (raw[column_name] if cast_from_text else column_name) ~ " is null",
                'message': "'" ~ column_name ~ " is missing (required)'"}) -%}
        {%- endif -%}
        {%- if cast_from_text -%}
            {%- do checks.append({
                'condition': raw[column_name] ~ " is not null and " ~ column_name ~ " is null",
                'message': "'" ~ column_name ~ " ''' || " ~ raw[column_name] ~ " || ''' is not "
                    ~ infra_accounting.type_description(column_type) ~ "'"}) -%}
        {%- endif -%}
        {%- if column_type == 'currency_format' -%}
            {%- do checks.append({
                'condition': column_name ~ " is not null and not regexp_full_match(" ~ column_name ~ ", '[A-Z]{3}')",
                'message': "'" ~ column_name ~ " ''' || " ~ raw[column_name] ~ " || ''' is not a 3-letter currency code'"}) -%}
        {%- endif -%}
        {%- if column_type == 'currency' -%}
            {%- set parent_alias = 'known__' ~ column_name -%}
            {%- do parent_joins.append({'alias': parent_alias, 'column': column_name,
                'relation': "(select distinct from_currency as parent_key from " ~ ref('stg_erp__fx_rates') ~ ")"}) -%}
            {%- do checks.append({
                'condition': column_name ~ " is not null and " ~ column_name ~ " <> '" ~ var('reporting_currency_code')
                    ~ "' and " ~ parent_alias ~ " is null",
                'message': "'" ~ column_name ~ " ''' || " ~ raw[column_name]
                    ~ " || ''' is an unknown currency (no FX rates in erp/fx_rates)'"}) -%}
        {%- endif -%}
        {%- if column_spec.get('min') is not none -%}
            {%- do checks.append({
                'condition': column_name ~ " < " ~ column_spec.min,
                'message': "'" ~ column_name ~ " ' || " ~ raw[column_name] ~ (" || ' is negative'" if column_spec.min == 0
                    else " || ' is below the minimum of " ~ column_spec.min ~ "'")}) -%}
        {%- endif -%}
        {%- if column_spec.get('min_exclusive') is not none -%}
            {%- do checks.append({
                'condition': column_name ~ " <= " ~ column_spec.min_exclusive,
                'message': "'" ~ column_name ~ " ' || " ~ raw[column_name] ~ " || ' must be greater than "
                    ~ column_spec.min_exclusive ~ "'"}) -%}
        {%- endif -%}
        {%- if column_spec.get('max') is not none -%}
            {%- do checks.append({
                'condition': column_name ~ " > " ~ column_spec.max,
                'message': "'" ~ column_name ~ " ' || " ~ raw[column_name] ~ " || ' is above the maximum of "
                    ~ column_spec.max ~ "'"}) -%}
        {%- endif -%}
        {%- if column_spec.get('enum') -%}
            {%- do checks.append({
                'condition': column_name ~ " is not null and " ~ column_name ~ " not in ('" ~ column_spec.enum | join("', '") ~ "')",
                'message': "'" ~ column_name ~ " ''' || " ~ raw[column_name] ~ " || ''' is not one of: "
                    ~ column_spec.enum | join(', ') ~ "'"}) -%}
        {%- endif -%}
        {%- if column_spec.get('fk') -%}
            {%- set fk_extract, fk_column = column_spec.fk.split('.') -%}
            {%- set fk_source, fk_name = fk_extract.split('__') -%}
            {%- set parent_alias = 'known__' ~ column_name -%}
            {%- if fk_extract == source_name ~ '__' ~ extract_name -%}
                {%- set parent_relation = "(select distinct " ~ typed[fk_column] ~ " as parent_key from " ~ raw_rows ~ " as parent)" -%}
            {%- else -%}
                {%- set parent_relation = "(select distinct " ~ fk_column ~ " as parent_key from "
                    ~ ref('stg_' ~ fk_source ~ '__' ~ fk_name) ~ ")" -%}
            {%- endif -%}
            {%- do parent_joins.append({'alias': parent_alias, 'column': column_name, 'relation': parent_relation}) -%}
            {%- do checks.append({
                'condition': column_name ~ " is not null and " ~ parent_alias ~ " is null",
                'message': "'" ~ column_name ~ " ''' || " ~ raw[column_name] ~ " || ''' is not a known " ~ fk_column
                    ~ " in " ~ fk_source ~ "/" ~ fk_name ~ "'"}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for earlier, later in spec.get('date_order', []) -%}
        {%- do checks.append({
            'condition': later ~ " < " ~ earlier,
            'message': "'" ~ later ~ " ' || " ~ raw[later] ~ " || ' is before " ~ earlier ~ " ' || " ~ raw[earlier]}) -%}
    {%- endfor -%}
    {%- set row_key_expression -%}
        concat_ws(', ' {%- for key_column in key_columns %}, '{{ key_column }}=' || coalesce({{ raw[key_column] }}, '<missing>'){% endfor %})
    {%- endset -%}
    {%- do checks.append({
        'condition': "key_row_count > 1 and not is_exact_duplicate",
        'message': "'duplicate key (' || " ~ row_key_expression ~ " || ') with conflicting values in ' || key_row_count"
            ~ " || ' rows: the extract must have one row per key; all are set aside until corrected'"}) -%}
    {%- if incremental_from -%}
        {%- do checks.append({
            'condition': "is_key_in_closed_month",
            'message': "'key (' || " ~ row_key_expression ~ " || ') is already read in a closed month: a record of a"
                ~ " closed month cannot be delivered again; correct the extract and close with --full-refresh'"}) -%}
    {%- endif -%}
    {%- set warning_condition = "key_row_count > 1 and is_exact_duplicate and key_occurrence > 1" -%}
    {%- set warning_message = "'exact copy of an earlier row with the same key (' || " ~ row_key_expression
        ~ " || '): the copy is set aside'" -%}
    duplicate_keys as (
        select
            {%- for key_column in key_columns %}
            {{ typed[key_column] }} as key__{{ key_column }},
            {%- endfor %}
            count(*) as key_row_count
        from {{ raw_rows }} as raw_rows
        group by all
        having count(*) > 1
    ),

    duplicate_rows as (
        select
            source_row_number,
            key_row_count,
            min(row_fingerprint) over key_window = max(row_fingerprint) over key_window as is_exact_duplicate,
            row_number() over (key_window order by source_row_number) as key_occurrence
        from (
            select
                raw_rows.source_row_number,
                duplicate_keys.*,
                md5(concat_ws('|' {%- for column_name in spec.columns %}, coalesce(cast(raw_rows.{{ column_name }} as varchar), '<null>'){% endfor %})) as row_fingerprint
            from {{ unmasked_rows }} as raw_rows
            inner join duplicate_keys
                on {% for key_column in key_columns %}duplicate_keys.key__{{ key_column }} is not distinct from {{ typed[key_column] }}{{ ' and ' if not loop.last }}{% endfor %}
        ) as duplicated
        window key_window as (partition by {% for key_column in key_columns %}key__{{ key_column }}{{ ', ' if not loop.last }}{% endfor %})
    ),

    {%- if incremental_from %}
    {#- keys of the re-read rows already read in a kept month (staged or set aside, as a full
        build would see the two rows as one duplicated key): a semi join built on the re-read
        keys, so the kept rows are probed, never grouped. Every row of the table is a kept row
        here: the pre-hook (delete_reread_months) deleted the rows this run re-reads before the
        query runs. Unfiltered, the table is also the larger side in the planner's estimate,
        so the hash table is built on the re-read keys and their range prunes the probe. -#}
    closed_month_keys as (
        select distinct
            {%- for key_column in key_columns %}
            kept_rows.{{ key_column }} as key__{{ key_column }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ this }} as kept_rows
        semi join (
            select
                {%- for key_column in key_columns %}
                {{ typed[key_column] }} as key__{{ key_column }}{{ ',' if not loop.last }}
                {%- endfor %}
            from {{ raw_rows }} as raw_rows
        ) as reread_keys
            on {% for key_column in key_columns %}kept_rows.{{ key_column }} = reread_keys.key__{{ key_column }}{{ ' and ' if not loop.last }}{% endfor %}
    ),
    {%- endif %}

    typed_rows as (
        select
            raw_rows.source_row_number,
            {%- for column_name in spec.columns %}
            {{ typed[column_name] }} as {{ column_name }},
            {%- endfor %}
            {%- if month_column %}
            coalesce(cast(date_trunc('month', {{ typed[month_column] }}) as date), date '0001-01-01') as incremental_month,
            {%- endif %}
            {%- for column_name in spec.columns %}
            raw_rows.{{ column_name }} as raw__{{ column_name }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ raw_rows }} as raw_rows
    ),

    keyed_rows as (
        select
            {%- for parent_join in parent_joins %}
            {{ parent_join.alias }}.parent_key as {{ parent_join.alias }},
            {%- endfor %}
            typed_rows.*,
            duplicate_rows.key_row_count,
            duplicate_rows.is_exact_duplicate,
            duplicate_rows.key_occurrence
            {%- if incremental_from %},
            closed_month_keys.key__{{ key_columns[0] }} is not null as is_key_in_closed_month
            {%- endif %}
        from typed_rows
        left join duplicate_rows on typed_rows.source_row_number = duplicate_rows.source_row_number
        {%- if incremental_from %}
        left join closed_month_keys
            on {% for key_column in key_columns %}typed_rows.{{ key_column }} = closed_month_keys.key__{{ key_column }}{{ ' and ' if not loop.last }}{% endfor %}
        {%- endif %}
        {%- for parent_join in parent_joins %}
        left join {{ parent_join.relation }} as {{ parent_join.alias }}
            on typed_rows.{{ parent_join.column }} = {{ parent_join.alias }}.parent_key
        {%- endfor %}
    ),

    flagged_rows as (
        select
            *,
            {%- for check in checks %}
            coalesce({{ check.condition }}, false){{ ' or' if not loop.last }}
            {%- endfor %} as has_error,
            coalesce({{ warning_condition }}, false) as has_warning
        from keyed_rows
    ),

    checked_rows as (
        select
            {%- for column_name in spec.columns %}
            {{ column_name }},
            {%- endfor %}
            source_row_number,
            {%- if month_column %}
            incremental_month,
            {%- endif %}
            case when has_error then 'error' when has_warning then 'warn' end as exception_severity,
            case when has_error or has_warning then array_to_string(list_filter([
                {%- for check in checks %}
                case when {{ check.condition }} then {{ check.message }} end,
                {%- endfor %}
                case when {{ warning_condition }} then {{ warning_message }} end
            ], lambda reason: reason is not null), '; ') end as exception_reason,
            case when has_error or has_warning then {{ row_key_expression }} end as row_key,
            case when has_error or has_warning then to_json(struct_pack(
                {%- for column_name in spec.columns %}
                {{ column_name }} := {{ raw[column_name] }}{{ ',' if not loop.last }}
                {%- endfor %}
            )) end as raw_row_json
        from flagged_rows
    )
{%- endmacro %}
