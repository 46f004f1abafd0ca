"""The one formatting function for amounts on every dashboard page."""

from decimal import Decimal

import pytest

from infra_accounting.dashboard.formatting import format_amount


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1234567.891, "1,234,567.89"),
        (Decimal("1234567.89"), "1,234,567.89"),
        (-1234.5, "(1,234.50)"),
        (Decimal("-0.01"), "(0.01)"),
        (0, "-"),
        (Decimal("0.004"), "-"),  # rounds to zero cents
        (Decimal("-0.004"), "-"),  # no "(0.00)"
        (999.995, "1,000.00"),  # half away from zero on the decimal value, not the binary float
        (2.675, "2.68"),  # float 2.675 is 2.67499999... in binary; the decimal text rounds up
        (Decimal("-2.675"), "(2.68)"),
        (12, "12.00"),
        (None, ""),
        (float("nan"), ""),
        ("n/a", "n/a"),
    ],
)
def test_format_amount(value, expected):
    assert format_amount(value) == expected


def test_format_amount_other_precisions():
    assert format_amount(Decimal("1234.56789"), 4) == "1,234.5679"
    assert format_amount(-1500, 0) == "(1,500)"
    assert format_amount(Decimal("0.03000000"), 8) == "0.03000000"
