"""The one percentile every benchmark reports (p50, p90, p95 …).

Linear interpolation between the closest ranks, ``statistics.quantiles(method="inclusive")``
(numpy's default, Hyndman & Fan type 7): the 50th percentile is the median.
"""

import math
import statistics
from collections.abc import Sequence


def percentile(values: Sequence[float], q: int) -> float:
    """The q-th percentile of ``values`` (1 ≤ q ≤ 99); NaN when there are none."""
    if not 1 <= q <= 99:
        raise ValueError(f"a percentile here is a whole number from 1 to 99, not {q}")
    if not values:
        return math.nan
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]
