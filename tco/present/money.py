"""Dollar amounts as people read them, the same on the pages and in the deck."""

import math

MISSING = "—"


def usd(value: float | None, missing: str = MISSING) -> str:
    """$1.23 B, $4.56 M, $46 k, $456, $4.50, $0.123: short enough for a tile or a slide.

    ``missing`` stands in for None, NaN and inf, which are never shown as numbers.
    """
    if value is None or not math.isfinite(value):
        return missing
    size = abs(value)
    if size == 0:
        return "$0"
    if size >= 1e9:
        return f"${value / 1e9:,.2f} B"
    if size >= 1e6:
        return f"${value / 1e6:,.2f} M"
    if size >= 1e4:
        return f"${value / 1e3:,.0f} k"
    if size >= 100:
        return f"${value:,.0f}"
    if size >= 1:
        return f"${value:,.2f}"
    return f"${value:,.3f}"
