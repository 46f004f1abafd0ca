"""The generic test unique_hashed (tests/generic/unique_hashed.sql) returns exactly the rows
dbt's own unique test returns: each repeated value with its count, nulls ignored.

The test body is rendered with jinja2 (the package dbt itself renders with) and run on DuckDB
tables built here: repeated values, nulls, and a table where every value hashes alike (the
hash replaced by a constant), to show a collision is never reported as a duplicate.
"""

from pathlib import Path

import duckdb
import jinja2
import pytest

TEST_FILE = Path(__file__).resolve().parents[2] / "tests" / "generic" / "unique_hashed.sql"

# dbt's built-in unique test, as dbt-core 1.11 defines it (macros/generic_test_sql/unique.sql)
DBT_UNIQUE = """
select
    {column_name} as unique_field,
    count(*) as n_records
from {model}
where {column_name} is not null
group by {column_name}
having count(*) > 1
"""


def render_unique_hashed(model: str, column_name: str) -> str:
    source = TEST_FILE.read_text()
    environment = jinja2.Environment(extensions=["jinja2.ext.do"])
    environment.globals["config"] = lambda **_: ""
    # a dbt generic test is a macro-like block: expose its body as a jinja macro
    source = source.replace("{% test unique_hashed(model, column_name) %}", "{% macro body(model, column_name) %}")
    source = source.replace("{% endtest %}", "{% endmacro %}")
    return environment.from_string(source).module.body(model, column_name)


@pytest.fixture
def connection():
    con = duckdb.connect()
    con.execute(
        """
        create table usage as
        select * from (values
            ('U-1', 1), ('U-2', 2), ('U-2', 3), ('U-3', 4), ('U-3', 5), ('U-3', 6),
            (null, 7), (null, 8), ('U-4', 9)
        ) as rows(usage_id, source_row_number)
        """
    )
    con.execute("create table clean as select 'U-' || range as usage_id from range(100000)")
    return con


def rows(con, sql):
    return sorted(con.execute(sql).fetchall())


def test_reports_each_repeated_value_with_its_count_like_dbt_unique(connection):
    hashed = rows(connection, render_unique_hashed("usage", "usage_id"))
    assert hashed == [("U-2", 2), ("U-3", 3)]
    assert hashed == rows(connection, DBT_UNIQUE.format(model="usage", column_name="usage_id"))


def test_passes_on_unique_values_and_ignores_nulls(connection):
    assert rows(connection, render_unique_hashed("clean", "usage_id")) == []
    connection.execute("delete from usage where usage_id in ('U-2', 'U-3')")
    assert rows(connection, render_unique_hashed("usage", "usage_id")) == []


def test_a_hash_collision_alone_is_not_a_duplicate(connection):
    # every value given the same hash: all are candidates, none is repeated as text
    sql = render_unique_hashed("clean", "usage_id").replace("hash(usage_id)", "0")
    assert "hash(" not in sql
    assert rows(connection, sql) == []
