{#- Every raw row of one extract, cast to the contract types, with the list of reasons it
    breaks the contract (exception_reasons; empty when the row is good):
    missing required value, unparseable date/amount/number/boolean, value out of range
    (negative cost...), unknown enum value, unknown foreign key, reversed dates, duplicate
    key (conflicting rows are all set aside; an exact copy of an earlier row is set aside
    alone, as a warning). staged_extract keeps the good rows; rejected_extract_rows
    reports the others in stg_extract_exceptions. -#}
{% macro validated_extract(source_name, extract_name) -%}
    {%- set contract = infra_accounting.extract_contract() -%}
    {%- set spec = contract[source_name ~ '__' ~ extract_name] -%}
    {%- set extract_label = source_name ~ '/' ~ extract_name -%}
    {%- set key_columns = spec.key -%}
    {%- set key_partition = key_columns | join(', ') -%}
    {%- set error_checks = [] -%}
    {%- for column_name, column_spec in spec.columns.items() -%}
        {%- set raw = 'raw__' ~ column_name -%}
        {%- set column_type = column_spec.get('type', 'text') -%}
        {%- if column_spec.get('required', false) -%}
            {%- do error_checks.append("case when " ~ raw ~ " is null then '" ~ column_name ~ " is missing (required)' end") -%}
        {%- endif -%}
        {%- if column_type not in ('text', 'currency', 'currency_format') -%}
            {%- do error_checks.append(
                "case when " ~ raw ~ " is not null and " ~ column_name ~ " is null then '"
                ~ column_name ~ " ''' || " ~ raw ~ " || ''' is not " ~ infra_accounting.type_description(column_type) ~ "' end"
            ) -%}
        {%- endif -%}
        {%- if column_type == 'currency_format' -%}
            {%- do error_checks.append(
                "case when " ~ column_name ~ " is not null and not regexp_full_match(" ~ column_name ~ ", '[A-Z]{3}') then '"
                ~ column_name ~ " ''' || " ~ raw ~ " || ''' is not a 3-letter currency code' end"
            ) -%}
        {%- endif -%}
        {%- if column_type == 'currency' -%}
            {%- do error_checks.append(
                "case when " ~ column_name ~ " is not null and " ~ column_name ~ " <> '" ~ var('reporting_currency_code')
                ~ "' and not exists (select 1 from " ~ ref('stg_erp__fx_rates') ~ " as fx where fx.from_currency = checked_rows."
                ~ column_name ~ ") then '" ~ column_name ~ " ''' || " ~ raw
                ~ " || ''' is an unknown currency (no FX rates in erp/fx_rates)' end"
            ) -%}
        {%- endif -%}
        {%- if column_spec.get('min') is not none -%}
            {%- do error_checks.append(
                "case when " ~ column_name ~ " < " ~ column_spec.min ~ " then '" ~ column_name ~ " ' || " ~ raw
                ~ " || ' is negative' end" if column_spec.min == 0 else
                "case when " ~ column_name ~ " < " ~ column_spec.min ~ " then '" ~ column_name ~ " ' || " ~ raw
                ~ " || ' is below the minimum of " ~ column_spec.min ~ "' end"
            ) -%}
        {%- endif -%}
        {%- if column_spec.get('min_exclusive') is not none -%}
            {%- do error_checks.append(
                "case when " ~ column_name ~ " <= " ~ column_spec.min_exclusive ~ " then '" ~ column_name ~ " ' || " ~ raw
                ~ " || ' must be greater than " ~ column_spec.min_exclusive ~ "' end"
            ) -%}
        {%- endif -%}
        {%- if column_spec.get('max') is not none -%}
            {%- do error_checks.append(
                "case when " ~ column_name ~ " > " ~ column_spec.max ~ " then '" ~ column_name ~ " ' || " ~ raw
                ~ " || ' is above the maximum of " ~ column_spec.max ~ "' end"
            ) -%}
        {%- endif -%}
        {%- if column_spec.get('enum') -%}
            {%- do error_checks.append(
                "case when " ~ column_name ~ " is not null and " ~ column_name ~ " not in ('" ~ column_spec.enum | join("', '")
                ~ "') then '" ~ column_name ~ " ''' || " ~ raw ~ " || ''' is not one of: " ~ column_spec.enum | join(', ') ~ "' end"
            ) -%}
        {%- endif -%}
        {%- if column_spec.get('fk') -%}
            {%- set fk_extract, fk_column = column_spec.fk.split('.') -%}
            {%- set fk_source, fk_name = fk_extract.split('__') -%}
            {%- if fk_extract == source_name ~ '__' ~ extract_name -%}
                {%- set parent_relation = 'keyed_rows' -%}
            {%- else -%}
                {%- set parent_relation = ref('stg_' ~ fk_source ~ '__' ~ fk_name) -%}
            {%- endif -%}
            {%- do error_checks.append(
                "case when " ~ column_name ~ " is not null and not exists (select 1 from " ~ parent_relation
                ~ " as parent where parent." ~ fk_column ~ " = checked_rows." ~ column_name ~ ") then '"
                ~ column_name ~ " ''' || " ~ raw ~ " || ''' is not a known " ~ fk_column ~ " in " ~ fk_source ~ "/" ~ fk_name ~ "' end"
            ) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for earlier, later in spec.get('date_order', []) -%}
        {%- do error_checks.append(
            "case when " ~ later ~ " < " ~ earlier ~ " then '" ~ later ~ " ' || raw__" ~ later ~ " || ' is before " ~ earlier
            ~ " ' || raw__" ~ earlier ~ " end"
        ) -%}
    {%- endfor -%}
    {%- do error_checks.append(
        "case when key_row_count > 1 and not is_exact_duplicate then 'duplicate key (' || row_key || ') with conflicting values in '"
        ~ " || key_row_count || ' rows: the extract must have one row per key; all are set aside until corrected' end"
    ) -%}
    {#- Columns the contract marks `mask` never carry the full value past this point, not even
        into the exception rows: last_four keeps '****' and the last four characters (bank
        account numbers); long_digit_runs masks every run of 9+ digits inside free text
        (card or account numbers in remittance text, contiguous or in 4-4-4-4 / 4-6-5 groups) to
        '****' and its last digits; invoice numbers and dates (short digit groups) are kept. -#}
    {%- set masked_values = {} -%}
    {%- for column_name, column_spec in spec.columns.items() -%}
        {%- set value = "nullif(trim(" ~ column_name ~ "), '')" -%}
        {%- if column_spec.get('mask') == 'last_four' -%}
            {%- set value = "case when " ~ value ~ " is not null then '****' || right(regexp_replace(" ~ value
                ~ ", '[^0-9A-Za-z]', '', 'g'), 4) end" -%}
        {%- elif column_spec.get('mask') == 'long_digit_runs' -%}
            {%- set value = "regexp_replace(regexp_replace(" ~ value
                ~ ", '[0-9]{4}[ -][0-9]{4,6}[ -](?:[0-9]{4}[ -])?[0-9]?([0-9]{4})', '****\\1', 'g')"
                ~ ", '[0-9]{5,}([0-9]{4})', '****\\1', 'g')" -%}
        {%- endif -%}
        {%- do masked_values.update({column_name: value}) -%}
    {%- endfor -%}
    {%- set row_key_expression -%}
        concat_ws(', ' {%- for key_column in key_columns %}, '{{ key_column }}=' || coalesce(raw__{{ key_column }}, '<missing>'){% endfor %})
    {%- endset %}
    raw_rows as (
        select
            row_number() over () as source_row_number,
            raw_extract.*
        from {{ infra_accounting.raw_extract(source_name, extract_name) }} as raw_extract
    ),

    typed_rows as (
        select
            source_row_number,
            {%- for column_name, column_spec in spec.columns.items() %}
            {{ infra_accounting.cast_extract_value(masked_values[column_name], column_spec.get('type', 'text')) }} as {{ column_name }},
            {%- endfor %}
            {%- for column_name in spec.columns %}
            {{ masked_values[column_name] }} as raw__{{ column_name }},
            {%- endfor %}
            md5(concat_ws('|' {%- for column_name in spec.columns %}, coalesce({{ column_name }}, '<null>'){% endfor %})) as row_fingerprint
        from raw_rows
    ),

    keyed_rows as (
        select
            *,
            {{ row_key_expression }} as row_key,
            count(*) over (partition by {{ key_partition }}) as key_row_count,
            min(row_fingerprint) over (partition by {{ key_partition }})
            = max(row_fingerprint) over (partition by {{ key_partition }}) as is_exact_duplicate,
            row_number() over (partition by {{ key_partition }} order by source_row_number) as key_occurrence
        from typed_rows
    ),

    checked_rows as (
        select
            *,
            list_filter([
                {{ error_checks | join(',\n                ') }}
            ], lambda reason: reason is not null) as error_reasons,
            list_filter([
                case when key_row_count > 1 and is_exact_duplicate and key_occurrence > 1
                    then 'exact copy of an earlier row with the same key (' || row_key || '): the copy is set aside' end
            ], lambda reason: reason is not null) as warning_reasons
        from keyed_rows as checked_rows
    )
{%- endmacro %}
