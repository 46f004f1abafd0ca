{#- The raw-extract contract of every source, keyed '<source>__<extract>'.

    Each source has its base contract (<source>_extract_contract.sql); each subledger area
    adds its own policy seeds and extracts in <area>_area_extract_contract.sql, keyed
    '<source>__<extract>'.

    Per extract: description, key (columns unique together), optional date_order (pairs
    [earlier, later] that must not be reversed), optional incremental_month_column (a date
    column: the extract's checked model is incremental by its month, see checked_extract),
    optional incremental_received_column with it (the date each row was delivered, for an
    append-only feed: an incremental run re-reads the close month and every row delivered
    from its first day, not the lookback months; extract_reread_start_month) and columns. Per column: type (text, date,
    money, rate, quantity, integer, boolean, currency = a currency with FX rates,
    currency_format = an ISO 4217-looking code), required, min / min_exclusive / max,
    enum, fk ('<source>__<extract>.<column>') and description. Staging casts and validates
    every raw row against it (macros/staging), and the docs of staging are generated from
    it (infra-close generate-staging-docs).

    Parsed once per dbt invocation: the YAML parse is pure Python and holds the GIL, and
    86 nodes ask for the contract, most of them several times (it was a sixth of the demo
    close's Python time). The parsed contract is kept on the invocation's graph dict, which
    every node's context shares; callers only read it. -#}
{% macro extract_contract() %}
    {%- set cache_key = 'infra_accounting__parsed_extract_contract' -%}
    {%- if graph is mapping and cache_key in graph -%}
        {{ return(graph[cache_key]) }}
    {%- endif -%}
    {%- set sources = {
        'policy': infra_accounting.policy_extract_contract(),
        'erp': infra_accounting.erp_extract_contract(),
        'infra': infra_accounting.infra_extract_contract(),
        'leases': infra_accounting.leases_extract_contract(),
        'crm': infra_accounting.crm_extract_contract(),
        'metering': infra_accounting.metering_extract_contract(),
        'bank': infra_accounting.bank_extract_contract(),
    } -%}
    {%- set areas = [
        infra_accounting.fixed_assets_area_extract_contract(),
        infra_accounting.leases_area_extract_contract(),
        infra_accounting.revenue_area_extract_contract(),
        infra_accounting.close_area_extract_contract(),
    ] -%}
    {%- set contract = {} -%}
    {%- for source_name, extracts in sources.items() -%}
        {%- for extract_name, spec in extracts.items() -%}
            {%- do spec.update({'source': source_name, 'extract': extract_name}) -%}
            {%- do contract.update({source_name ~ '__' ~ extract_name: spec}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for area_extracts in areas -%}
        {%- for qualified_name, spec in (area_extracts or {}).items() -%}
            {%- set source_name, extract_name = qualified_name.split('__') -%}
            {%- do spec.update({'source': source_name, 'extract': extract_name}) -%}
            {%- do contract.update({qualified_name: spec}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- if graph is mapping -%}
        {%- do graph.update({cache_key: contract}) -%}
    {%- endif -%}
    {{ return(contract) }}
{% endmacro %}
