"""Issue 13, attack 2: one click used gigabytes. A 12-workload, 180-month link with the
offered 20,000-sample Monte Carlo took the server from 272 MB to 3.5 GB (simulate held
samples × workloads × months float64 arrays). Monte Carlo now runs in chunks: its memory
stays bounded whatever the sample count, and requests past a documented size are refused.
"""

import tracemalloc

import pytest

from bench.loadgen import twelve_workloads
from tco.analysis import uncertainty
from tco.models.errors import TcoError


def test_chunks_give_the_same_percentiles_as_one_pass(monkeypatch):
    scenario = twelve_workloads(months=24)
    chunked = uncertainty.monte_carlo(scenario, 600)
    monkeypatch.setattr(uncertainty, "CHUNK_WORKLOAD_MONTHS", 10**12)  # everything at once
    whole = uncertainty.monte_carlo(scenario, 600)
    assert chunked == whole


def test_memory_stays_bounded_as_samples_grow():
    """5,000 samples × 12 × 180 held ~0.8 GB of arrays before chunking; the working set is
    now the chunk (CHUNK_WORKLOAD_MONTHS × 8 bytes × a few arrays) plus samples × months."""
    scenario = twelve_workloads()
    tracemalloc.start()
    try:
        uncertainty.monte_carlo(scenario, 5_000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    kept = 5_000 * 180 * 8 * 2  # the monthly costs and their percentile copy
    assert peak < kept + 150e6, f"peak {peak / 1e6:.0f} MB"


def test_a_request_past_the_cap_is_refused_in_one_line():
    scenario = twelve_workloads()
    with pytest.raises(TcoError, match=r"at most 50,000,000 are computed at once") as caught:
        uncertainty.monte_carlo(scenario, 30_000)
    assert "\n" not in str(caught.value)
    with pytest.raises(TcoError, match="at most 50,000,000"):
        uncertainty.sweep(scenario, pue=[1.2] * 30_000)
    uncertainty.check_size(scenario, 20_000)  # what the dashboard offers stays allowed
