"""Structured error logs: one JSON line on stderr per unexpected error, without user data.

A line carries a short error id (the page shows the same id, so a user's report finds its
line), the time, the exception's type, where it happened (the page and the chain of code
locations in this project) and the process id — never the exception's message, argument
values or the scenario, which can hold customer names, prices and other user text::

    {"ts": "2026-11-29T03:12:45.120Z", "level": "error", "event": "unhandled_error",
     "error_id": "e-3f9c2a7b1d", "error_type": "ZeroDivisionError", "page": "overview",
     "frames": ["tco/engine/run.py:21 run", "tco/engine/assemble.py:248 build_result"],
     "pid": 4242}
"""

import json
import logging
import os
import secrets
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

LOGGER_NAME = "tco"
ROOT = Path(__file__).resolve().parents[2]
MAX_FRAMES = 12


class JsonLines(logging.Formatter):
    """A record's ``fields`` (a dict of plain values) as one JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "fields", {"event": record.getMessage()})
        stamp = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")
        line = {"ts": stamp.replace("+00:00", "Z"), "level": record.levelname.lower(), **fields}
        return json.dumps(line, ensure_ascii=True, separators=(", ", ": "))


class Stderr(logging.Handler):
    """Writes to whatever ``sys.stderr`` is at the time (a test may have replaced it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
            sys.stderr.flush()
        except Exception:  # logging must never take the page down with it
            self.handleError(record)


def logger() -> logging.Logger:
    """The product's logger, writing JSON lines to stderr (set up once per process)."""
    log = logging.getLogger(LOGGER_NAME)
    if not any(isinstance(h, Stderr) for h in log.handlers):
        handler = Stderr()
        handler.setFormatter(JsonLines())
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


def _frames(exc: BaseException) -> list[str]:
    """Code locations inside this project, innermost last: file, line and function only."""
    found = []
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            found.append(f"{path.relative_to(ROOT).as_posix()}:{frame.lineno} {frame.name}")
    return found[-MAX_FRAMES:]


def new_error_id() -> str:
    return "e-" + secrets.token_hex(5)


def log_error(exc: BaseException, page: str) -> str:
    """Log an unexpected error as one JSON line; returns the id to show the user."""
    error_id = new_error_id()
    logger().error(
        "unhandled_error",
        extra={
            "fields": {
                "event": "unhandled_error",
                "error_id": error_id,
                "error_type": type(exc).__name__,
                "page": page,
                "frames": _frames(exc),
                "pid": os.getpid(),
            }
        },
    )
    return error_id
