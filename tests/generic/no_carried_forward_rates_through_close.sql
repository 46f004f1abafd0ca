{#- Control: every month up to the close period has published FX rates (none carried forward). -#}
{% test no_carried_forward_rates_through_close(model) %}
select period_month, from_currency, to_currency
from {{ model }}
where is_rate_carried_forward
    and period_month <= {{ infra_accounting.close_period_month() }}
{% endtest %}
