{#- The invoice number a remittance text names, normalized to the ERP's form 'INV-000123'
    (upper-cased, any characters between 'INV' and the digits dropped, zero-padded to six
    digits): matching rule 2 compares bank lines and payments on it. 'INV-000000' when the
    text names no invoice. -#}
{% macro normalized_invoice_reference(reference_expression) -%}
    'INV-' || lpad(regexp_extract(upper({{ reference_expression }}), 'INV[^0-9]*([0-9]+)', 1), 6, '0')
{%- endmacro %}
