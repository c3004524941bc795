"""Numbers and user text as the pages show them: never NaN or inf, never live markup."""

import math
import re

from tco.present.money import MISSING, usd

__all__ = ["MISSING", "md", "number", "percent", "power_kw", "usd"]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


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


def md(text: str) -> str:
    """User text made inert for Markdown: no links, images, emphasis, LaTeX or directives."""
    return _MARKDOWN.sub(r"\\\1", text)
