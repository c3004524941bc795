"""End-to-end `run()`: a default scenario is feasible, balanced, and its figures agree."""

import math

import pytest

from tco.data.presets import example_scenario
from tco.engine import run


@pytest.fixture(scope="module")
def default_result(catalogue):
    return run(example_scenario(catalogue=catalogue), catalogue)


def test_default_scenario_is_feasible_and_balanced(default_result):
    r = default_result
    assert r.feasible, r.infeasible_reason
    assert r.balance.ok
    assert len(r.timeline) == 60
    assert [m.month for m in r.timeline] == list(range(1, 61))


def test_breakdown_sums_to_total_and_costs_divide_by_tokens(default_result):
    r = default_result
    assert math.isclose(sum(r.breakdown_usd.values()), r.total_cost_usd, rel_tol=1e-9)
    assert math.isclose(
        r.cost_usd_per_million_tokens, r.total_cost_usd / r.tokens_served * 1e6, rel_tol=1e-9
    )
    assert math.isclose(sum(m.cost_usd for m in r.timeline), r.total_cost_usd, rel_tol=1e-9)
    assert math.isclose(sum(m.tokens for m in r.timeline), r.tokens_served, rel_tol=1e-9)


def test_usage_based_cost_is_below_reservation_based(default_result):
    r = default_result
    assert 0 < r.utilisation_frac < 1
    assert r.usage_cost_usd_per_million_tokens < r.cost_usd_per_million_tokens
