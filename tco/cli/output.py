r"""Printing results: JSON for machines, aligned text tables for people.

Every line of text goes through `say`, which shows control characters as visible escapes
(``\x1b``), so a scenario name, an unknown key or a part's name cannot move the cursor,
clear the screen or retitle the terminal (attack 7 of issue 13). JSON is escaped by the
encoder itself.
"""

import json
import math
import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

EXIT_BAD_INPUT = 2
"""Bad input (arguments, files, ids, impossible requests): one line on stderr."""
EXIT_UNBALANCED = 3
"""A result was computed but failed its balance check: figures written, warning on stderr."""


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def printable(text: str) -> str:
    r"""``text`` with control and format characters (escape codes, bidi overrides) shown as
    ``\xNN`` or ``\uNNNN``; line breaks kept."""
    return "".join(
        ch
        if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf")
        else (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        for ch in text
    )


def say(text: str = "", *, file: Any = None) -> None:
    """Print one line of text for people (see the module's docstring)."""
    print(printable(text), file=file or sys.stdout)


def _finite_tree(value: Any) -> Any:
    """``value`` with every NaN or infinity (at any depth) made None, which JSON has."""
    if isinstance(value, dict):
        return {k: _finite_tree(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite_tree(v) for v in value]
    return _finite(value)


def print_json(payload: Any) -> None:
    """The payload as one whole JSON document (built before anything is written, so a
    value JSON cannot hold never leaves half a document: attack 9 of issue 13)."""
    text = json.dumps(_finite_tree(payload), indent=2, default=str, allow_nan=False)
    sys.stdout.write(text + "\n")


def print_table(records: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> None:
    """Left-aligned text table of selected columns; numbers formatted compactly."""
    if not records:
        say("(no rows)")
        return
    columns = list(columns or records[0].keys())
    cells = [[_text(_finite(r.get(c))) for c in columns] for r in records]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    say("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        say("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return printable(" ".join(str(value).split())[:60])
