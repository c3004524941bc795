"""Spreadsheet number formats (Excel codes, used by XLSX sheets and PowerPoint charts).

The cell keeps the number; the format shows it with its unit. Money formats take the
currency symbol as a parameter (default "$"), beside `tco.present.money`, so a workbook or a
chart axis shows the scenario's currency when the money formatter does.
"""

import math

SIGNIFICANT_DIGITS = 12
"""Figures a spreadsheet cell keeps: more than any input or result is known to, fewer than
a float's 15-17, so 999999999.9999999 (float noise from a unit conversion) is stored as 1e9."""

COUNT = "#,##0"
FRACTION = "0.0%"
DECIMAL = "#,##0.0###"
"""A non-integral plain number: 1.5, 0.0892, 1,234.5 (up to four decimals, never an exponent)."""


def money_format(decimals: int = 2, *, symbol: str = "$", suffix: str = "") -> str:
    """'"$"#,##0.00', or with a suffix such as " M" for millions: '"$"#,##0.00" M"'."""
    digits = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f'"{symbol}"{digits}' + (f'"{suffix}"' if suffix else "")


def money_decimals(largest: float, *, axis: bool = False) -> int:
    """Decimals enough to tell values up to ``largest`` apart: none from 100, two from 1
    (from 0.1 on an axis, whose ticks need fewer than a label of one value), else three."""
    return 0 if largest >= 100 else 2 if largest >= (0.1 if axis else 1) else 3


def money_format_for(largest: float, *, axis: bool = False, symbol: str = "$") -> str:
    """A money format with `money_decimals` for ``largest``."""
    return money_format(money_decimals(largest, axis=axis), symbol=symbol)


def plain_format(value: object, *, grouped: bool = True) -> str:
    """The format of a number in a table of mixed inputs: whole numbers with thousands
    separators (none when ``grouped`` is False: a year, a count of 8), others with up to
    four decimals."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
        return COUNT if grouped else "0"
    return DECIMAL if grouped else "0.0###"


def tidy(value: object) -> object:
    """A float rounded to `SIGNIFICANT_DIGITS` (other values unchanged), for a cell."""
    if isinstance(value, float) and math.isfinite(value) and value:
        return round(value, SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(abs(value))))
    return value
