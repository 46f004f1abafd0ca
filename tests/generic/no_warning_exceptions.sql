{#- Control (warning): lists the extract rows set aside as exact copies of an earlier row. -#}
{% test no_warning_exceptions(model) %}
select * from {{ model }} where exception_severity = 'warn'
{% endtest %}
