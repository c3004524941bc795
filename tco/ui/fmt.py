"""Numbers and user text as the pages show them: never NaN or inf, never live markup."""

import re

from tco.present.money import MISSING, money
from tco.present.numbers import number, percent, power_kw

__all__ = ["MISSING", "md", "money", "number", "percent", "power_kw"]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(text: str) -> str:
    """User text made inert for Markdown: no links, images, emphasis, LaTeX or directives."""
    return _MARKDOWN.sub(r"\\\1", text)
