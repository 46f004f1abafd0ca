{#- Allocate a total over the rows of a partition in proportion to a weight, to the cent.
    Each row gets total x weight / weight_total rounded once, exactly (money_share: integer
    arithmetic, no double); the last row (by order_by) gets the total less the other rows, so
    the residual sits in the last period and the parts sum exactly to the total (DESIGN: "a
    schedule's rounding residual goes to its last period"). weight_total must be a plain
    column (e.g. computed in an earlier CTE): window functions cannot nest. The total is money
    (2 decimals) and the weights have at most 8 decimals (DECISIONLOG D-003). -#}
{% macro allocate_money(total, weight, weight_total, partition_by, order_by) -%}
    {{ return(adapter.dispatch('allocate_money', 'infra_accounting')(total, weight, weight_total, partition_by, order_by)) }}
{%- endmacro %}

{% macro default__allocate_money(total, weight, weight_total, partition_by, order_by) -%}
    {%- set share = infra_accounting.money_share(total, weight, weight_total) -%}
    {#- the other rows' shares: the partition's sum less the last row's own. Whichever row
        the order puts last when order_by ties, the parts sum to the total (a running frame
        over order_by and a row_number over the reverse order could disagree on ties). -#}
    case
        when row_number() over (partition by {{ partition_by }} order by {{ order_by }} desc) = 1
            then cast({{ total }} as decimal(18, 2))
            - (coalesce(sum({{ share }}) over (partition by {{ partition_by }}), 0) - coalesce({{ share }}, 0))
        else {{ share }}
    end
{%- endmacro %}
