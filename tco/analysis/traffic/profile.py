"""What a request log says about the load: its curve over time, its peak, its lengths.

The load curve counts tokens (prompt + generated) per bin: one hour for a log of a day or
more (so peak-to-average is the busiest hour over the day's mean, as `Demand` means it),
one minute for a shorter log (its busiest minute over its mean; the day is then taken to
repeat it). Only whole bins count toward the peak. Lengths are percentiles of the requests'
prompt and generated tokens (linear interpolation, numpy's default).
"""

from dataclasses import dataclass

import numpy as np

from tco.analysis.traffic.queueing import squared_cv
from tco.io.traces import Trace
from tco.models.units import SECONDS_PER_DAY, SECONDS_PER_HOUR

MINUTE_S = 60.0
PERCENTILES = (50, 90, 99)


@dataclass(frozen=True)
class Profile:
    """The load and lengths of one log."""

    name: str
    requests: int
    span_s: float
    bin_s: float
    """Width of the load curve's bins [s]: an hour for a log of a day or more, else a minute."""
    bin_start_s: np.ndarray
    tokens_per_s: np.ndarray
    """Mean token rate (prompt + generated) in each whole bin [tokens/s]."""
    requests_per_s: np.ndarray
    mean_tokens_per_s: float
    """Over the whole log [tokens/s]."""
    mean_requests_per_s: float
    peak_to_average: float
    """Busiest bin's token rate over the log's mean [ratio]."""
    peak_requests_per_s: float
    """Request rate in the busiest bin (by tokens) [1/s]."""
    input_percentiles: dict[int, float]
    output_percentiles: dict[int, float]
    mean_input_tokens: float
    mean_output_tokens: float
    arrival_cv2: float
    """Squared coefficient of variation of the times between arrivals [ratio]."""

    @property
    def tokens_per_day(self) -> float:
        """The log's mean rate over a day [tokens/day]."""
        return self.mean_tokens_per_s * SECONDS_PER_DAY


def bin_width_s(span_s: float) -> float:
    return SECONDS_PER_HOUR if span_s >= SECONDS_PER_DAY else MINUTE_S


def profile(trace: Trace) -> Profile:
    """The load curve, peak-to-average and length percentiles of a log (module docstring)."""
    width = bin_width_s(trace.span_s)
    whole = max(1, int(trace.span_s // width))
    index = np.minimum((trace.arrival_s // width).astype(np.int64), whole)
    tokens = trace.input_tokens + trace.output_tokens
    per_bin = np.bincount(index, weights=tokens, minlength=whole + 1)[:whole] / width
    requests_per_bin = np.bincount(index, minlength=whole + 1)[:whole] / width
    mean = float(tokens.sum()) / trace.span_s
    peak = int(np.argmax(per_bin))
    return Profile(
        name=trace.name,
        requests=trace.requests,
        span_s=trace.span_s,
        bin_s=width,
        bin_start_s=np.arange(whole) * width,
        tokens_per_s=per_bin,
        requests_per_s=requests_per_bin,
        mean_tokens_per_s=mean,
        mean_requests_per_s=trace.requests / trace.span_s,
        peak_to_average=float(per_bin[peak]) / mean,
        peak_requests_per_s=float(requests_per_bin[peak]),
        input_percentiles={p: float(np.percentile(trace.input_tokens, p)) for p in PERCENTILES},
        output_percentiles={p: float(np.percentile(trace.output_tokens, p)) for p in PERCENTILES},
        mean_input_tokens=float(trace.input_tokens.mean()),
        mean_output_tokens=float(trace.output_tokens.mean()),
        arrival_cv2=squared_cv(np.diff(trace.arrival_s)),
    )
