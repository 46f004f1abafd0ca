"""Amounts as accountants read them: thousands separators, negatives in parentheses."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# The same convention as an Excel number format (used by the close package workbook).
EXCEL_ACCOUNTING_FORMAT = '#,##0.00_);(#,##0.00);"-"_)'
EXCEL_QUANTITY_FORMAT = '#,##0.0000_);(#,##0.0000);"-"_)'
EXCEL_RATE_FORMAT = "0.00000000"


def format_amount(value: object, decimals: int = 2) -> str:
    """Format a number the accountant's way.

    1234567.891 -> '1,234,567.89'; -1234.5 -> '(1,234.50)'; 0 -> '-'; None/NaN -> ''.
    Rounds half away from zero (as the warehouse's money macro does), on the decimal value
    (no binary float surprises: 2.675 -> '2.68').
    """
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return ""
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)
    if number.is_nan():
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        return "-"
    text = f"{abs(rounded):,.{decimals}f}"
    return f"({text})" if rounded < 0 else text


def is_amount_column(name: str) -> bool:
    """Money columns by the project's naming convention (`_amount`, `_amount_usd`, debit/credit)."""
    return (
        name.endswith("_amount")
        or name.endswith("_amount_usd")
        or name.startswith("amount_")
        or name in {"debit", "credit", "amount", "balance"}
    )


def is_quantity_column(name: str) -> bool:
    return name.endswith("_quantity") or name.endswith("_hours") or name.startswith("quantity_") or name == "quantity"
