"""Python model results reach the warehouse as decimals, to the cent."""

from decimal import Decimal

import duckdb
import pandas as pd

from infra_accounting.decimal_output import with_decimal_columns


def test_float_money_becomes_exact_decimal_cents():
    frame = pd.DataFrame(
        {
            "lease_id": ["L1", "L2"],
            "months": [12, 24],
            "interest_amount": [0.1 + 0.2, 16518.43],  # 0.30000000000000004 in float
            "discount_pct": [0.06, 0.0725],
        }
    )
    with duckdb.connect() as connection:
        relation = with_decimal_columns(connection, frame)
        assert [str(column_type) for column_type in relation.types] == [
            "VARCHAR",
            "BIGINT",
            "DECIMAL(18,2)",
            "DECIMAL(18,8)",
        ]
        assert relation.fetchall() == [
            ("L1", 12, Decimal("0.30"), Decimal("0.06000000")),
            ("L2", 24, Decimal("16518.43"), Decimal("0.07250000")),
        ]
