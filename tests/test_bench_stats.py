"""bench/stats.py: the benchmarks' one percentile, checked against numpy's (type 7)."""

import math

import numpy as np
import pytest

from bench.stats import percentile

SAMPLES = [
    [1.0, 2.0, 3.0, 4.0],
    [0.31, 0.05, 2.7, 1.1, 0.9, 0.42, 7.5],
    [float(v) for v in range(101)],
]


@pytest.mark.parametrize("values", SAMPLES)
@pytest.mark.parametrize("q", [1, 10, 50, 90, 95, 99])
def test_percentile_is_numpys_linear_interpolation(values, q):
    assert percentile(values, q) == pytest.approx(np.percentile(values, q), rel=1e-12)


def test_the_median_and_the_edges():
    assert percentile([4.0, 1.0, 3.0, 2.0], 50) == 2.5
    assert percentile([7.0], 95) == 7.0
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError, match="1 to 99"):
        percentile([1.0, 2.0], 100)
