{#- Allocate a total over the rows of a partition, to the cent: each row keeps its share, and
    the last row (by order_by) gets the total less the other rows' shares, so the residual sits
    in the last period and the parts sum exactly to the total (DESIGN: "a schedule's rounding
    residual goes to its last period"). Whichever row the order puts last when order_by ties,
    the parts sum to the total (the partition's sum less the last row's own share).

    share must be a plain column holding each row's money_share(total, weight, weight_total)
    (total x weight / weight_total rounded once, exactly: DECISIONLOG D-003), computed in an
    earlier CTE: the share is used three times here (in a window and twice beside it), and a
    window cannot share an expression with its select list, so an expression would be computed
    three times per row (measured: 1.8 s against 0.6 s for a million rows). -#}
{% macro allocate_money(total, share, partition_by, order_by) -%}
    {{ return(adapter.dispatch('allocate_money', 'infra_accounting')(total, share, partition_by, order_by)) }}
{%- endmacro %}

{% macro default__allocate_money(total, share, partition_by, order_by) -%}
    case
        when row_number() over (partition by {{ partition_by }} order by {{ order_by }} desc) = 1
            then cast({{ total }} as decimal(18, 2))
            - (coalesce(sum({{ share }}) over (partition by {{ partition_by }}), 0) - coalesce({{ share }}, 0))
        else {{ share }}
    end
{%- endmacro %}
