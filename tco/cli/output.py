"""Printing results: JSON for machines, aligned text tables for people."""

import json
import math
import sys
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


def print_json(payload: Any) -> None:
    json.dump(payload, sys.stdout, indent=2, default=str, allow_nan=False)
    sys.stdout.write("\n")


def print_table(records: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> None:
    """Left-aligned text table of selected columns; numbers formatted compactly."""
    if not records:
        print("(no rows)")
        return
    columns = list(columns or records[0].keys())
    cells = [[_text(_finite(r.get(c))) for c in columns] for r in records]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())


def _text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.0f}"
    return " ".join(str(value).split())[:60]
