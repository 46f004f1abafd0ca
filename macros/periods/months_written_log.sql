{#- The log of the months each run writes into its incremental models
    (close_log.model_months_written: one row per incremental model per dbt invocation, the
    first month the run wrote, 0001-01-01 when it built the table whole). The data tests of an
    incremental model read it (first_month_written_by, through get_where_subquery) to cover
    the months the run wrote: every month in a first build or a full refresh, the re-read or
    recomputed months in an incremental close (DECISIONLOG D-007). It is also the audit trail
    of which months each close rewrote. -#}

{#- on-run-start: create the log once, before any model writes to it (two threads creating it
    in their pre-hooks would conflict in DuckDB's catalog). -#}
{% macro create_months_written_log() -%}
    create schema if not exists {{ target.database }}.close_log;
    create table if not exists {{ target.database }}.close_log.model_months_written (
        invocation_id varchar not null,
        model_name varchar not null,
        first_month_written date not null,
        recorded_at timestamp not null
    )
{%- endmacro %}

{#- Pre-hook of every incremental model, rendered when the model runs and run before its delete
    hook: log the first month this run writes - incremental_first_month_sql (a SQL date
    expression, evaluated before the delete) in an incremental run, 0001-01-01 when the table
    is built whole (first build or --full-refresh). -#}
{% macro record_first_month_written(incremental_first_month_sql) -%}
    insert into {{ target.database }}.close_log.model_months_written
    select
        '{{ invocation_id }}',
        '{{ this.identifier }}',
        {{ incremental_first_month_sql if is_incremental() else "date '0001-01-01'" }},
        current_timestamp
{%- endmacro %}

{#- The first month model_name wrote in this invocation, less months_before months, as a DATE
    literal: date '0001-01-01' (every month) when this invocation did not log it (the model
    was not run, or `dbt test` alone) or when it was built whole. Read at run time by a data
    test's where (get_where_subquery); '0001-01-01' at parse time. -#}
{% macro first_month_written_by(model_name, months_before=0) -%}
    {%- set every_month = "date '0001-01-01'" -%}
    {%- if not execute -%}{{ return(every_month) }}{%- endif -%}
    {#- not there before the first run's on-run-start, nor for `dbt compile` / `docs generate` -#}
    {%- set log_exists = run_query(
        "select count(*) from duckdb_tables() where database_name = '" ~ target.database
        ~ "' and schema_name = 'close_log' and table_name = 'model_months_written'"
    ).rows[0][0] > 0 -%}
    {%- if not log_exists -%}{{ return(every_month) }}{%- endif -%}
    {%- set logged = run_query(
        "select case when min(first_month_written) > date '0001-01-01' then strftime("
        ~ "greatest(cast(min(first_month_written) - to_months(" ~ (months_before | int) ~ ") as date), date '0001-01-01'),"
        ~ " '%Y-%m-%d') end from " ~ target.database ~ ".close_log.model_months_written"
        ~ " where invocation_id = '" ~ invocation_id ~ "' and model_name = '" ~ model_name ~ "'"
    ) -%}
    {%- if logged.rows[0][0] is none -%}{{ return(every_month) }}{%- endif -%}
    {{ return("date '" ~ logged.rows[0][0] ~ "'") }}
{%- endmacro %}
