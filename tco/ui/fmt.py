"""Numbers and user text as the pages show them: never NaN or inf, never live markup."""

import re

from tco.present.money import MISSING, money
from tco.present.numbers import number, percent, power_kw

__all__ = ["MISSING", "md", "money", "number", "percent", "power_kw"]

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\\?\.)|(?<=@)", re.IGNORECASE)
"""Where GitHub-flavoured Markdown would see a bare web or mail address: its autolinks are
found in the text after escapes are read, so escaping alone leaves them live."""
WORD_JOINER = "\u2060"


def md(text: str) -> str:
    """User text made inert for Markdown: no links (bare addresses included), images,
    emphasis, LaTeX or directives. An invisible word joiner breaks each bare address."""
    return _AUTOLINK.sub(WORD_JOINER, _MARKDOWN.sub(r"\\\1", text))
