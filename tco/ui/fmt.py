"""Numbers and user text as the pages show them: never NaN or inf, never live markup."""

import math
import re

MISSING = "—"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def _ok(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def usd(value: float | None) -> str:
    """$1.23 M, $456 k, $789, $0.123: short enough for a metric tile."""
    if not _ok(value):
        return MISSING
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


def md(text: str) -> str:
    """User text made inert for Markdown: no links, images, emphasis, LaTeX or directives."""
    return _MARKDOWN.sub(r"\\\1", text)
