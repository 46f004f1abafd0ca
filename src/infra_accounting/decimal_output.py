"""Hand a dbt Python model's result to DuckDB with exact decimal types.

The vectorised math runs in float64 and rounds money to the cent; on the way out every
float column becomes a decimal, so no table of the warehouse holds float money:
`*_amount` columns decimal(18,2) (exact for cents below 2^53), the other float columns
(rates, percentages, months) decimal(18,8).
"""

from __future__ import annotations

import pandas as pd

MONEY_SUFFIX = "_amount"


def decimal_cast_expressions(frame: pd.DataFrame) -> list[str]:
    """One SQL select expression per column, casting float columns to their decimal type."""
    expressions = []
    for column, dtype in frame.dtypes.items():
        quoted = '"' + str(column).replace('"', '""') + '"'
        if pd.api.types.is_float_dtype(dtype):
            scale = (18, 2) if str(column).endswith(MONEY_SUFFIX) else (18, 8)
            digits = scale[1]
            expressions.append(f"cast(round({quoted}, {digits}) as decimal({scale[0]}, {digits})) as {quoted}")
        else:
            expressions.append(quoted)
    return expressions


def with_decimal_columns(session, frame: pd.DataFrame):
    """The frame as a DuckDB relation whose float columns are decimals (see module doc)."""
    return session.from_df(frame).project(", ".join(decimal_cast_expressions(frame)))
