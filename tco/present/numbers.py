"""Numbers as people read them, the same on the pages, in the deck and in workbooks.

Never NaN or inf: a missing or non-finite value is shown as `MISSING`.
"""

import math
from typing import TypeGuard

from tco.present.money import MISSING


def finite(value: float | None) -> TypeGuard[float]:
    """True for a real number that can be shown (not None, NaN or ±inf)."""
    return value is not None and math.isfinite(value)


def number(value: float | None, digits: int = 0, unit: str = "") -> str:
    """A number with thousands separators and an optional unit."""
    if finite(value):
        return f"{value:,.{digits}f} {unit}".strip()
    return MISSING


def power_kw(kw: float | None) -> str:
    """Power in kW below 1 MW, else in MW."""
    if finite(kw):
        return f"{kw:,.0f} kW" if abs(kw) < 1000 else f"{kw / 1000:,.2f} MW"
    return MISSING


def percent(fraction: float | None, digits: int = 0) -> str:
    return f"{fraction * 100:.{digits}f} %" if finite(fraction) else MISSING


def plain_number(value: float) -> str:
    """A number without exponent or float noise: 10,000,000,000; 1,024; 0.0892; 1.5."""
    if not math.isfinite(value):
        return MISSING
    if value == int(value) or abs(value) >= 1000:
        return f"{value:,.0f}"
    text = f"{value:.4g}"
    return f"{value:.6f}".rstrip("0").rstrip(".") if "e" in text else text
