"""Fleet sizing: peak demand, whole systems, bursts above a base, the owned fleet."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tco.costs.fleet import burst_fraction, owned_fleet, peak_capacity_accelerators, whole_systems


def test_peak_capacity_by_hand():
    # 8.64e9 tokens/day = 100,000 tokens/s on average; ×2 peak ×1.25 headroom = 250,000 /s;
    # at 5,000 tokens/s per accelerator that is 50 accelerators.
    n = peak_capacity_accelerators(np.array(8.64e9), 2.0, 0.25, np.array(5000.0))
    assert float(n) == pytest.approx(50.0)


def test_whole_systems_round_up_but_not_exact_multiples():
    np.testing.assert_allclose(whole_systems(np.array([0.2, 8.0, 8.5, 16.0]), 8), [8, 8, 16, 16])


@pytest.mark.parametrize(
    ("peak", "ratio", "base", "area"),
    [
        (2.0, 2.0, 1.0, 0.25),  # line 2→0 over the day; triangle (1 × 0.5) / 2
        (1.5, 1.5, 1.0, 0.125),  # line 1.5→0.5; triangle (0.5 × 0.5) / 2
        (1.5, 1.5, 0.25, 0.75),  # base below the curve's floor 0.5: mean 1 − 0.25
        (4.0, 4.0, 2.0, 0.25),  # line 4→0 over half the day; triangle (2 × 0.25) / 2
        (3.0, 1.0, 2.0, 1.0),  # flat demand: always 1 above the base
        (3.0, 1.5, 3.0, 0.0),  # base at the peak: nothing rented
    ],
)
def test_burst_fraction_by_hand(peak, ratio, base, area):
    assert float(burst_fraction(np.array(peak), ratio, np.array(base))) == pytest.approx(area)


@settings(deadline=None, max_examples=50)  # numerical integration: slow on a busy machine
@given(ratio=st.floats(1.0, 10.0), base_frac=st.floats(0.0, 1.2))
def test_burst_fraction_integrates_the_load_duration_curve(ratio, base_frac):
    """Numerical integration of the linear load-duration curve agrees with the closed form,
    and the curve's mean is peak / ratio."""
    peak = 1.0
    x = (np.arange(200_000) + 0.5) / 200_000
    if ratio <= 2:
        curve = peak - (peak - peak * (2 / ratio - 1)) * x
    else:
        curve = np.maximum(peak * (1 - x * ratio / 2), 0.0)
    assert curve.mean() == pytest.approx(peak / ratio, rel=1e-4)
    base = base_frac * peak
    expected = np.maximum(curve - base, 0).mean()
    got = float(burst_fraction(np.array(peak), ratio, np.array(base)))
    assert got == pytest.approx(expected, abs=1e-5)


def test_owned_fleet_buys_when_short_and_keeps_hardware_when_demand_falls():
    required = np.array([[[8.0, 8.0, 16.0, 8.0, 24.0]]])
    fleet = owned_fleet(required, np.array([60]), refresh_at_end_of_life=True)
    np.testing.assert_allclose(fleet.in_service, [[[8, 8, 16, 16, 24]]])
    np.testing.assert_allclose(fleet.purchased, [[[8, 0, 8, 0, 8]]])
    np.testing.assert_allclose(fleet.retired, 0)


def test_owned_fleet_refreshes_at_end_of_life():
    """Life 2 months: month-1 purchases retire in month 3 and are bought again."""
    required = np.array([[[8.0, 16.0, 16.0, 16.0, 16.0]]])
    fleet = owned_fleet(required, np.array([2]), refresh_at_end_of_life=True)
    np.testing.assert_allclose(fleet.retired, [[[0, 0, 8, 8, 8]]])
    np.testing.assert_allclose(fleet.purchased, [[[8, 8, 8, 8, 8]]])
    np.testing.assert_allclose(fleet.in_service, 16 * np.array([[[0.5, 1, 1, 1, 1]]]))


def test_owned_fleet_without_refresh_keeps_old_hardware():
    required = np.array([[[8.0, 16.0, 16.0, 16.0]]])
    fleet = owned_fleet(required, np.array([1]), refresh_at_end_of_life=False)
    np.testing.assert_allclose(fleet.purchased, [[[8, 8, 0, 0]]])
    np.testing.assert_allclose(fleet.retired, 0)


def test_owned_fleet_per_sample_lives():
    required = np.repeat(np.array([[[8.0, 8.0, 8.0, 8.0]]]), 2, axis=0)
    fleet = owned_fleet(required, np.array([1, 3]), refresh_at_end_of_life=True)
    np.testing.assert_allclose(fleet.purchased[0], [[8, 8, 8, 8]])
    np.testing.assert_allclose(fleet.purchased[1], [[8, 0, 0, 8]])
