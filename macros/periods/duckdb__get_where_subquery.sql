{#- How a data test reads its model through the test's `where` config: dbt's own behaviour,
    plus one placeholder. first_month_written_by('<model>') - or
    first_month_written_by('<model>', <n>), n months earlier - in a where stands for the first
    month that model wrote in this run, as a DATE literal read from the log of months written
    (months_written_log.sql) when the test runs: every month (0001-01-01) after a first build
    or a full refresh, the re-read or recomputed months after an incremental close. So a
    control of an incremental model covers what the run wrote - the closed months were tested
    when they were closed - and never less (DECISIONLOG D-007). A literal, not a subquery,
    so the month filter reaches the scan's zone maps. -#}
{% macro duckdb__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if not where -%}
        {{ return(relation) }}
    {%- endif -%}
    {%- set placeholder = modules.re.compile("first_month_written_by\\(\\s*'([A-Za-z0-9_]+)'\\s*(?:,\\s*([0-9]+)\\s*)?\\)") -%}
    {%- set filter = namespace(where=where) -%}
    {%- for match in placeholder.finditer(where) -%}
        {%- set written_from = infra_accounting.first_month_written_by(match.group(1), (match.group(2) or 0) | int) -%}
        {%- set filter.where = filter.where.replace(match.group(0), written_from) -%}
    {%- endfor -%}
    {%- if 'first_month_written_by(' in filter.where -%}
        {{ exceptions.raise_compiler_error(
            "The where config of test " ~ model.name ~ " has a first_month_written_by(...) this macro cannot read: "
            ~ config.get('where') ~ ". Write it as first_month_written_by('<model name>') or first_month_written_by('<model name>', <months before>)."
        ) }}
    {%- endif -%}
    {{ return("(select * from " ~ relation ~ " where " ~ filter.where ~ ") dbt_subquery") }}
{%- endmacro %}
