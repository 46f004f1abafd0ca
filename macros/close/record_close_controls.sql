{#- on-run-end hook: write every data test (control) of this invocation into
    marts.rpt_close_controls - one row per control with its area and description
    (meta.control_area / meta.control), severity, status, exception count, the relation
    holding its stored failing rows and up to 100 of those rows as JSON - so auditors can
    query the evidence after the build. A run without tests leaves the table as it was. -#}
{% macro record_close_controls(results) -%}
    {{ return(adapter.dispatch('record_close_controls', 'infra_accounting')(results)) }}
{%- endmacro %}

{% macro default__record_close_controls(results) -%}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set rows = [] -%}
    {%- for result in results if result.node.resource_type == 'test' -%}
        {%- set node = result.node -%}
        {%- set meta = node.config.meta or {} -%}
        {%- set relation = node.relation_name if (node.relation_name and result.status in ('fail', 'warn')) else none -%}
        {%- do rows.append({
            'control_id': node.unique_id,
            'control_name': node.name,
            'control_area': meta.get('control_area') or 'data_quality',
            'control_description': meta.get('control') or (node.description or ('Data test ' ~ node.name)),
            'severity': (node.config.severity or 'error') | lower,
            'status': result.status | string,
            'failures': result.failures or 0,
            'message': (result.message or '') | string,
            'relation': relation,
            'tested_model': (node.depends_on.nodes | first) if node.depends_on.nodes else none,
        }) -%}
    {%- endfor -%}
    {%- if rows | length == 0 -%}{{ return('') }}{%- endif -%}
    {%- set invocation = invocation_id -%}
    {%- set selects = [] -%}
    {%- for row in rows -%}
        {%- set evidence = "(select to_json(list(evidence_rows)) from (select * from " ~ row.relation ~ " limit 100) as evidence_rows)" if row.relation else "cast(null as json)" -%}
        {%- do selects.append(
            "select " ~ "'" ~ row.control_id | replace("'", "''") ~ "' as control_id, "
            ~ "'" ~ row.control_name | replace("'", "''") ~ "' as control_name, "
            ~ "'" ~ row.control_area | replace("'", "''") ~ "' as control_area, "
            ~ "'" ~ row.control_description | replace("'", "''") ~ "' as control_description, "
            ~ "'" ~ row.severity ~ "' as severity, "
            ~ "'" ~ row.status ~ "' as status, "
            ~ row.failures ~ " as exception_count, "
            ~ "'" ~ row.message | replace("'", "''") ~ "' as result_message, "
            ~ ("'" ~ row.relation ~ "'" if row.relation else "null") ~ " as exception_relation, "
            ~ ("'" ~ row.tested_model ~ "'" if row.tested_model else "null") ~ " as tested_node_id, "
            ~ evidence ~ " as exception_rows_json"
        ) -%}
    {%- endfor -%}
    {%- set sql -%}
        create schema if not exists {{ target.database }}.marts;
        create or replace table {{ target.database }}.marts.rpt_close_controls as
        with control_results as (
            {{ selects | join('\nunion all\n') }}
        )
        select
            cast(control_id as varchar) as control_id,
            cast(control_name as varchar) as control_name,
            cast(control_area as varchar) as control_area,
            cast(control_description as varchar) as control_description,
            cast(severity as varchar) as severity,
            cast(status as varchar) as status,
            cast(status in ('fail', 'error') as boolean) as is_close_blocking,
            cast(exception_count as bigint) as exception_count,
            cast(result_message as varchar) as result_message,
            cast(exception_relation as varchar) as exception_relation,
            cast(tested_node_id as varchar) as tested_node_id,
            cast(exception_rows_json as json) as exception_rows_json,
            cast('{{ infra_accounting.close_period() }}' as varchar) as close_period,
            cast('{{ invocation }}' as varchar) as invocation_id,
            cast('{{ run_started_at.strftime("%Y-%m-%dT%H:%M:%SZ") }}' as varchar) as run_started_at
        from control_results
    {%- endset -%}
    {%- do run_query(sql) -%}
    {{ return('') }}
{%- endmacro %}
