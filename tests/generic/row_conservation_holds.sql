{#- Control: raw rows = staged rows + exception rows, per extract. -#}
{% test row_conservation_holds(model) %}
select * from {{ model }} where unaccounted_row_count <> 0
{% endtest %}
