"""Spreadsheet number formats (Excel codes, used by XLSX sheets and PowerPoint charts).

The cell keeps the number; the format shows it with its unit. Money formats are built on
`tco.present.money.excel_format`, so a workbook or a chart axis shows the result's currency
symbol exactly as the money formatter does.
"""

import math
from typing import TypeVar

from tco.models.money import Currency
from tco.present.money import excel_format

SIGNIFICANT_DIGITS = 12
"""Figures a spreadsheet cell keeps: more than any input or result is known to, fewer than
a float's 15-17, so 999999999.9999999 (float noise from a unit conversion) is stored as 1e9."""

COUNT = "#,##0"
FRACTION = "0.0%"
DECIMAL = "#,##0.0###"
"""A non-integral plain number: 1.5, 0.0892, 1,234.5 (up to four decimals, never an exponent)."""


def money_decimals(largest: float, *, axis: bool = False) -> int:
    """Decimals enough to tell values up to ``largest`` apart: none from 100, two from 1
    (from 0.1 on an axis, whose ticks need fewer than a label of one value), else three."""
    return 0 if largest >= 100 else 2 if largest >= (0.1 if axis else 1) else 3


def money_format_for(largest: float, currency: Currency, *, axis: bool = False) -> str:
    """The money format with `money_decimals` for ``largest``: '"$"#,##0.000', '"€"#,##0'."""
    return excel_format(currency, money_decimals(largest, axis=axis))


def millions_format(currency: Currency, decimals: int = 2) -> str:
    """Money in millions: '"$"#,##0.00" M"' (the cells hold millions)."""
    return excel_format(currency, decimals) + '" M"'


def plain_format(value: object, *, grouped: bool = True) -> str:
    """The format of a number in a table of mixed inputs: whole numbers with thousands
    separators (none when ``grouped`` is False: a year, a count of 8), others with up to
    four decimals."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        return COUNT if grouped else "0"
    return DECIMAL if grouped else "0.0###"


T = TypeVar("T")


def tidy(value: T) -> T:
    """A float rounded to `SIGNIFICANT_DIGITS` (other values unchanged), for a cell."""
    if isinstance(value, float) and math.isfinite(value) and value:
        digits = SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(abs(value)))
        return type(value)(round(value, digits))
    return value
