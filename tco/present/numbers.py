"""Numbers as people read them, the same on the pages, in the deck and in workbooks.

Never NaN or inf: a missing or non-finite value is shown as `MISSING`.
"""

import math

from tco.present.money import MISSING


def _ok(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def number(value: float | None, digits: int = 0, unit: str = "") -> str:
    """A number with thousands separators and an optional unit."""
    if not _ok(value):
        return MISSING
    text = f"{value:,.{digits}f}"
    return f"{text} {unit}".strip()


def power_kw(kw: float | None) -> str:
    """Power in kW below 1 MW, else in MW."""
    if not _ok(kw):
        return MISSING
    return f"{kw:,.0f} kW" if abs(kw) < 1000 else f"{kw / 1000:,.2f} MW"


def percent(fraction: float | None, digits: int = 0) -> str:
    return MISSING if not _ok(fraction) else f"{fraction * 100:.{digits}f} %"
