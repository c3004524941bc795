"""Request logs: a CSV of timestamp, prompt tokens and generated tokens, one row per request.

The format is that of the public Azure LLM inference traces (``TIMESTAMP``,
``ContextTokens``, ``GeneratedTokens``; data/traces/README.md); ``timestamp``,
``input_tokens`` and ``output_tokens`` are accepted too, in any case. Timestamps are
date-times (any ISO-like form) or seconds. A file that cannot be used is refused with one
line saying why, naming the row where a row is at fault; nothing is kept from it.
"""

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tco.models.errors import TcoError
from tco.performance.case import MAX_INPUT_TOKENS, MAX_OUTPUT_TOKENS

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "traces" / "azure_llm_conv_20min.csv"
"""The shipped sample: 20 minutes of Azure's conversation trace (data/traces/README.md)."""
SAMPLE_NAME = "Azure LLM inference trace 2023, conversation service, 20 minutes (sample)"

MAX_BYTES = 64 * 1024 * 1024
MAX_REQUESTS = 2_000_000
MIN_REQUESTS = 100
MIN_SPAN_S = 300.0

_COLUMNS = {
    "timestamp": ("timestamp",),
    "input": ("contexttokens", "input_tokens"),
    "output": ("generatedtokens", "output_tokens"),
}


@dataclass(frozen=True)
class Trace:
    """A request log, sorted by arrival."""

    name: str
    arrival_s: np.ndarray
    """Arrival of each request, seconds after the first [s]."""
    input_tokens: np.ndarray
    output_tokens: np.ndarray

    @property
    def requests(self) -> int:
        return int(self.arrival_s.size)

    @property
    def span_s(self) -> float:
        """From the first arrival to the last [s]."""
        return float(self.arrival_s[-1])


def _column(frame: pd.DataFrame, role: str) -> str:
    by_lower = {str(c).strip().lower(): str(c) for c in frame.columns}
    for name in _COLUMNS[role]:
        if name in by_lower:
            return by_lower[name]
    wanted = " or ".join(_COLUMNS[role])
    raise TcoError(f"the log has no {wanted} column; it needs timestamp, input and output tokens")


def _seconds(values: pd.Series) -> np.ndarray:
    """Seconds from numbers, or from date-times, whichever most rows are."""
    numbers = pd.to_numeric(values, errors="coerce")
    if numbers.notna().mean() > 0.5:
        seconds = numbers.to_numpy(dtype=float)
    else:
        times = pd.to_datetime(values, errors="coerce", format="mixed")
        seconds = (times - times.min()).dt.total_seconds().to_numpy(dtype=float)
    bad = np.flatnonzero(~np.isfinite(seconds))
    if bad.size:
        raise TcoError(
            f"row {bad[0] + 2}: {str(values.iloc[bad[0]])[:40]!r} is not a date-time or a "
            "number of seconds"
        )
    return seconds


def _tokens(values: pd.Series, what: str, most: int) -> np.ndarray:
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    ok = np.isfinite(numbers) & (numbers >= 1) & (numbers <= most) & (numbers == np.round(numbers))
    if not ok.all():
        row = int(np.flatnonzero(~ok)[0])
        raise TcoError(
            f"row {row + 2}: {what} {str(values.iloc[row])[:20]!r} must be a whole number "
            f"from 1 to {most:,}"
        )
    return numbers.astype(np.int64)


def read_trace(data: bytes, name: str = "uploaded log") -> Trace:
    """The log in ``data`` (CSV bytes), or TcoError with one line saying why not."""
    if len(data) > MAX_BYTES:
        raise TcoError(f"the log is larger than {MAX_BYTES // 2**20} MB; upload a sample of it")
    try:
        frame = pd.read_csv(io.BytesIO(data), dtype=str, nrows=MAX_REQUESTS + 1)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise TcoError(f"the log is not a readable CSV file ({str(exc).splitlines()[0]})") from None
    if len(frame) > MAX_REQUESTS:
        raise TcoError(f"the log has more than {MAX_REQUESTS:,} requests; upload a sample of it")
    if len(frame) < MIN_REQUESTS:
        raise TcoError(f"the log has {len(frame)} requests; sizing needs at least {MIN_REQUESTS}")
    seconds = _seconds(frame[_column(frame, "timestamp")])
    inputs = _tokens(frame[_column(frame, "input")], "input tokens", MAX_INPUT_TOKENS)
    outputs = _tokens(frame[_column(frame, "output")], "output tokens", MAX_OUTPUT_TOKENS)
    order = np.argsort(seconds, kind="stable")
    arrival = seconds[order] - seconds[order[0]]
    if arrival[-1] < MIN_SPAN_S:
        raise TcoError(
            f"the log spans {arrival[-1]:,.0f} s; sizing needs at least {MIN_SPAN_S:,.0f} s"
        )
    return Trace(name[:120], arrival, inputs[order], outputs[order])


def sample_trace() -> Trace:
    """The shipped sample (data/traces/azure_llm_conv_20min.csv)."""
    return read_trace(SAMPLE.read_bytes(), SAMPLE_NAME)
