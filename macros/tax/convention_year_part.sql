{#- The part of a tax year a MACRS convention allows for property that leaves (is disposed
    of, in whole or in part) on a date, as a whole-number fraction so the money computed from
    it stays exact (money_share): half-year 1/2; mid-quarter (quarters before + 1/2) / 4 =
    (2q - 1) / 8; mid-month (months before + 1/2) / 12 = (2m - 1) / 24 (IRS Publication 946,
    ch. 4, "Conventions"; Treas. Reg. 1.168(d)-1). -#}
{% macro convention_year_part_numerator(convention, event_date) -%}
    case
        when {{ convention }} = 'HY' then 1
        when {{ convention }} = 'MQ' then 2 * quarter({{ event_date }}) - 1
        else 2 * month({{ event_date }}) - 1
    end
{%- endmacro %}

{% macro convention_year_part_denominator(convention) -%}
    case when {{ convention }} = 'HY' then 2 when {{ convention }} = 'MQ' then 8 else 24 end
{%- endmacro %}
