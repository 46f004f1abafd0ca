{#- The column is unique, like dbt's unique test, and fails with the same rows: each value
    that occurs more than once and its count. Built for the 100M-row extracts: the values
    are first hashed to 64 bits and grouped on that fixed-width hash (much cheaper than
    grouping the text), and only the values whose hash occurs more than once are grouped as
    text, so a hash collision of two different values never fails the test by itself. -#}
{% test unique_hashed(model, column_name) %}
with
repeated_hashes as (
    select hash({{ column_name }}) as value_hash
    from {{ model }}
    where {{ column_name }} is not null
    group by value_hash
    having count(*) > 1
),

candidates as (
    select {{ column_name }} as unique_field
    from {{ model }}
    where hash({{ column_name }}) in (select repeated_hashes.value_hash from repeated_hashes)
)

select
    unique_field,
    count(*) as n_records
from candidates
group by unique_field
having count(*) > 1
{% endtest %}
