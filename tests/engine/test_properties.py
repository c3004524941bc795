"""Economic invariants of `run()` over many scenarios (hypothesis)."""

import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import (
    DEPLOYMENTS,
    OWNED_DEPLOYMENTS,
    accelerator_price_usd,
    electricity_usd_per_kwh,
    pue,
    scenarios,
    wacc_frac,
    with_overrides,
)

from tco.analysis.uncertainty import monte_carlo
from tco.engine import run
from tco.models import Demand

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NON_HYBRID = tuple(d for d in DEPLOYMENTS if d != "hybrid")


def _cost(scenario) -> float:
    result = run(scenario)
    assert result.feasible, result.infeasible_reason
    return result.cost_usd_per_million_tokens


@SETTINGS
@given(scenarios())
def test_costs_are_finite_non_negative_and_balanced(scenario):
    r = run(scenario)
    assert r.feasible, r.infeasible_reason
    assert r.balance.ok, r.balance
    numbers = [r.total_cost_usd, r.cost_usd_per_million_tokens, *r.breakdown_usd.values()]
    numbers += [m.cost_usd for m in r.timeline] + [
        m.cost_usd_per_million_tokens for m in r.timeline
    ]
    assert all(math.isfinite(x) and x >= 0 for x in numbers)
    assert math.isclose(sum(r.breakdown_usd.values()), r.total_cost_usd, rel_tol=1e-9)
    assert all(m.tokens > 0 and 0 < m.utilisation_frac <= 1 for m in r.timeline)


@SETTINGS
@given(scenarios(), electricity_usd_per_kwh, electricity_usd_per_kwh)
def test_cost_rises_with_electricity_price(scenario, low, high):
    low, high = sorted((low, high))
    assume(high > low * 1.01)
    cheap = _cost(with_overrides(scenario, electricity_usd_per_kwh=low))
    dear = _cost(with_overrides(scenario, electricity_usd_per_kwh=high))
    assert dear >= cheap
    if scenario.deployment.owns_hardware:
        assert dear > cheap


@SETTINGS
@given(scenarios(), pue, pue)
def test_cost_rises_with_pue(scenario, low, high):
    low, high = sorted((low, high))
    assume(high > low + 0.01)
    better = _cost(with_overrides(scenario, pue=low))
    worse = _cost(with_overrides(scenario, pue=high))
    assert worse >= better
    if scenario.deployment.owns_hardware:
        assert worse > better


@SETTINGS
@given(scenarios(), wacc_frac, wacc_frac)
def test_cost_rises_with_discount_rate(scenario, low, high):
    low, high = sorted((low, high))
    assume(high > low + 0.001)
    finance = scenario.finance
    cheap = _cost(
        scenario.model_copy(update={"finance": finance.model_copy(update={"wacc_frac": low})})
    )
    dear = _cost(
        scenario.model_copy(update={"finance": finance.model_copy(update={"wacc_frac": high})})
    )
    assert dear >= cheap * (1 - 1e-12)
    bought = scenario.deployment.owns_hardware and finance.financing == "buy"
    if bought or scenario.deployment.builds_facility:  # leased hardware pays the lease rate
        assert dear > cheap


@SETTINGS
@given(scenarios(), accelerator_price_usd, accelerator_price_usd)
def test_cost_rises_with_accelerator_price(scenario, low, high):
    low, high = sorted((low, high))
    assume(high > low * 1.01)
    cheap = _cost(with_overrides(scenario, accelerator_price_usd=low))
    dear = _cost(with_overrides(scenario, accelerator_price_usd=high))
    assert dear >= cheap
    if scenario.deployment.owns_hardware:
        assert dear > cheap


@SETTINGS
@given(scenarios(NON_HYBRID), st.floats(min_value=1.0, max_value=5.0), st.floats(1.0, 5.0))
def test_cost_falls_as_utilisation_rises(scenario, ratio_a, ratio_b):
    """A lower peak-to-average ratio means a smaller fleet for the same tokens: utilisation
    rises and cost per token falls (hybrid excluded: there the ratio also moves the split
    between owned and rented capacity)."""
    smooth, peaky = sorted((ratio_a, ratio_b))
    assume(peaky > smooth * 1.01)
    demand = scenario.demand
    r_smooth = run(
        scenario.model_copy(
            update={"demand": demand.model_copy(update={"peak_to_average": smooth})}
        )
    )
    r_peaky = run(
        scenario.model_copy(update={"demand": demand.model_copy(update={"peak_to_average": peaky})})
    )
    assert r_smooth.utilisation_frac >= r_peaky.utilisation_frac
    assert r_smooth.cost_usd_per_million_tokens <= r_peaky.cost_usd_per_million_tokens * (1 + 1e-12)


@SETTINGS
@given(scenarios(), st.floats(min_value=2e11, max_value=2e12))
def test_doubling_demand_leaves_cost_per_token_within_rounding(scenario, tokens):
    """At fixed unit costs the fleet scales with demand; only the rounding to whole systems
    (at most one system per workload) can move cost per token."""
    demand = Demand(**{**scenario.demand.model_dump(), "tokens_per_day": tokens})
    one = run(scenario.model_copy(update={"demand": demand}))
    two = run(
        scenario.model_copy(
            update={"demand": demand.model_copy(update={"tokens_per_day": 2 * tokens})}
        )
    )
    systems = [w.operating_point.system_accelerators for w in one.workloads]
    fleets = [w.accelerators for w in one.workloads]
    assume(all(n >= 4 * k for n, k in zip(fleets, systems, strict=True)))
    rounding = max(k / (n - k) for n, k in zip(fleets, systems, strict=True))
    ratio = two.cost_usd_per_million_tokens / one.cost_usd_per_million_tokens
    assert 1 / (1 + rounding) <= ratio <= 1 + rounding


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    scenarios((*OWNED_DEPLOYMENTS, "cloud-reserved-3y")), st.floats(min_value=2e11, max_value=2e12)
)
def test_monte_carlo_median_is_near_the_deterministic_cost(scenario, tokens):
    """The distributions are symmetric around the scenario's values, so the median of the
    horizon cost stays close to the deterministic figure once the fleet is large enough
    for whole-system rounding not to matter (10 % allows for the convexity of cost in
    throughput, life and utilisation)."""
    demand = scenario.demand.model_copy(update={"tokens_per_day": tokens})
    scenario = scenario.model_copy(update={"demand": demand})
    result = run(scenario)
    assume(
        all(w.accelerators >= 8 * w.operating_point.system_accelerators for w in result.workloads)
    )
    mc = monte_carlo(scenario, samples=2000, seed=7)
    assert mc.horizon_p10_usd_per_million_tokens <= mc.horizon_p50_usd_per_million_tokens
    assert mc.horizon_p50_usd_per_million_tokens <= mc.horizon_p90_usd_per_million_tokens
    assert math.isclose(
        mc.horizon_p50_usd_per_million_tokens, result.cost_usd_per_million_tokens, rel_tol=0.10
    )
