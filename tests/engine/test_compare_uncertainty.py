"""A vs B attribution, the tornado and Monte Carlo."""

import math

import numpy as np
import pytest

from tco.analysis.compare import DRIVERS, compare
from tco.analysis.uncertainty import RANGES, monte_carlo, sweep, tornado
from tco.data.presets import example_scenario
from tco.engine import run
from tco.models import Finance, Overrides
from tco.models.errors import TcoError


@pytest.fixture(scope="module")
def base(catalogue):
    return example_scenario("enterprise-on-prem", "nvidia-h100-sxm", ["chat", "rag"], catalogue)


def test_identical_scenarios_have_no_delta(base, catalogue):
    c = compare(base, base, catalogue)
    assert c.feasible
    assert [s.driver for s in c.steps] == [d for d, _, _ in DRIVERS]
    assert all(s.delta_usd_per_million_tokens == 0 for s in c.steps)


def test_steps_sum_to_b_minus_a_and_land_on_b(base, catalogue):
    b = example_scenario("colocation", "nvidia-b200", ["chat", "code"], catalogue)
    b = b.model_copy(update={"finance": Finance(wacc_frac=0.12), "site_id": "us-texas"})
    c = compare(base, b, catalogue)
    assert c.feasible
    assert c.a_usd_per_million_tokens == pytest.approx(
        run(base, catalogue).cost_usd_per_million_tokens
    )
    assert c.b_usd_per_million_tokens == pytest.approx(
        run(b, catalogue).cost_usd_per_million_tokens
    )
    total = sum(s.delta_usd_per_million_tokens for s in c.steps)
    assert total == pytest.approx(
        c.b_usd_per_million_tokens - c.a_usd_per_million_tokens, abs=1e-12
    )
    assert c.steps[-1].cost_after_usd_per_million_tokens == pytest.approx(
        c.b_usd_per_million_tokens
    )
    financing = next(s for s in c.steps if s.driver == "financing")
    assert financing.delta_usd_per_million_tokens > 0  # 8 % → 12 % WACC costs more


def test_a_single_driver_gets_the_whole_delta(base, catalogue):
    dearer = base.model_copy(update={"overrides": Overrides(electricity_usd_per_kwh=0.3)})
    c = compare(base, dearer, catalogue)
    moved = [s for s in c.steps if s.delta_usd_per_million_tokens != 0]
    assert [s.driver for s in moved] == ["energy"]
    assert moved[0].delta_usd_per_million_tokens > 0


def test_infeasible_intermediates_merge_with_the_next_driver(base, catalogue):
    gb200 = example_scenario("hyperscale-owned", "nvidia-gb200", ["chat", "rag"], catalogue)
    gb200 = gb200.model_copy(update={"overrides": Overrides(accelerator_price_usd=45_000)})
    c = compare(base, gb200, catalogue)
    assert c.feasible
    # GB200 racks cannot run on A's air cooling until the cooling group swaps too
    assert c.steps[0].driver.startswith("hardware + ")
    assert "cooling" in c.steps[0].driver
    total = sum(s.delta_usd_per_million_tokens for s in c.steps)
    assert total == pytest.approx(c.b_usd_per_million_tokens - c.a_usd_per_million_tokens)


def test_infeasible_end_points_are_reported(base, catalogue):
    # TPUs are not sold: owning one cannot be costed
    tpu = example_scenario("hyperscale-owned", "google-tpu-v6e", ["chat"], catalogue)
    c = compare(base, tpu, catalogue)
    assert not c.feasible
    assert c.infeasible_reason.startswith("scenario B is infeasible: ")


def test_tornado_bars_are_sorted_and_bracket_the_base(base, catalogue):
    bars = tornado(base, catalogue)
    deterministic = run(base, catalogue).cost_usd_per_million_tokens
    assert len(bars) >= 8
    swings = [b.swing_usd_per_million_tokens for b in bars]
    assert swings == sorted(swings, reverse=True)
    by_input = {b.input: b for b in bars}
    for name in ("electricity_usd_per_kwh", "accelerator_price_usd", "pue", "wacc_frac"):
        bar = by_input[name]
        assert (
            bar.cost_at_low_usd_per_million_tokens
            < deterministic
            < bar.cost_at_high_usd_per_million_tokens
        )
    price = by_input["accelerator_price_usd"]
    listed = catalogue.accelerators["nvidia-h100-sxm"].price_usd  # the list price, 2026 dollars
    assert (price.low_value, price.high_value) == pytest.approx((0.8 * listed, 1.2 * listed))


def test_tornado_leaves_out_inputs_a_deployment_does_not_pay_for(catalogue):
    cloud = example_scenario("cloud-reserved-3y", "nvidia-h100-sxm", ["chat"], catalogue)
    inputs = {b.input for b in tornado(cloud, catalogue)}
    assert "electricity_usd_per_kwh" not in inputs
    assert "cloud_usd_per_hour" in inputs


def test_monte_carlo_is_reproducible_and_ordered(base, catalogue):
    one = monte_carlo(base, 500, seed=11, catalogue=catalogue)
    two = monte_carlo(base, 500, seed=11, catalogue=catalogue)
    other = monte_carlo(base, 500, seed=12, catalogue=catalogue)
    assert one == two
    assert one.p50_usd_per_million_tokens != other.p50_usd_per_million_tokens
    assert one.seed == 11
    assert len(one.months) == len(one.p50_usd_per_million_tokens) == base.horizon_months
    for p10, p50, p90 in zip(
        one.p10_usd_per_million_tokens,
        one.p50_usd_per_million_tokens,
        one.p90_usd_per_million_tokens,
        strict=True,
    ):
        assert p10 <= p50 <= p90
        assert math.isfinite(p90)
    assert set(one.distributions) == {r.label for r in RANGES}


def test_uncertainty_refuses_bad_requests(base, catalogue):
    with pytest.raises(TcoError, match="between 1 and"):
        monte_carlo(base, 0, catalogue=catalogue)
    tpu = example_scenario("hyperscale-owned", "google-tpu-v6e", ["chat"], catalogue)
    with pytest.raises(TcoError, match="infeasible"):
        tornado(tpu, catalogue)


def test_sweep_agrees_with_full_runs(base, catalogue):
    tariffs = np.array([0.05, 0.10, 0.20])
    swept = sweep(base, catalogue, electricity_usd_per_kwh=tariffs)
    for tariff, cost in zip(tariffs, swept, strict=True):
        scenario = base.model_copy(update={"overrides": Overrides(electricity_usd_per_kwh=tariff)})
        assert cost == pytest.approx(run(scenario, catalogue).cost_usd_per_million_tokens, rel=1e-9)
    assert list(swept) == sorted(swept)


def test_sweep_refuses_bad_inputs(base, catalogue):
    with pytest.raises(TcoError, match="cannot sweep colour"):
        sweep(base, catalogue, colour=np.array([1.0]))
    with pytest.raises(TcoError, match="at least 1"):
        sweep(base, catalogue, pue=np.array([0.5]))
    with pytest.raises(TcoError, match="one length"):
        sweep(base, catalogue, pue=np.array([1.2]), wacc_frac=np.array([0.1, 0.2]))
