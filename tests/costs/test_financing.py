"""Capital recovery, capital charge and the month-window helpers."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tco.costs.financing import (
    capital_charge_factor,
    capital_recovery_factor,
    lagged,
    monthly_rate,
    window_sum,
)


def test_capital_recovery_matches_a_published_amortisation_table():
    """USD 100,000 at 6 % a year nominal (0.5 % a month) over 30 years: USD 599.55 a month,
    the figure every US mortgage amortisation table prints for this loan."""
    payment = 100_000 * capital_recovery_factor(0.005, 360)
    assert payment == pytest.approx(599.55, abs=0.01)


def test_zero_rate_is_straight_line():
    assert capital_recovery_factor(0.0, 60) == pytest.approx(1 / 60)
    assert capital_charge_factor(0.0, 60, 0.1) == pytest.approx(0.9 / 60)


def test_monthly_rate_compounds_to_the_yearly_rate():
    assert (1 + monthly_rate(0.08)) ** 12 == pytest.approx(1.08)


@given(
    rate=st.floats(min_value=0.0, max_value=0.4),
    months=st.integers(min_value=1, max_value=240),
    residual=st.floats(min_value=0.0, max_value=0.9),
)
def test_charges_repay_cost_net_of_discounted_residual(rate, months, residual):
    """Discounting the level charges at the same rate gives back the cost minus the present
    value of the residual: the definition of the capital charge [1, §4.4]."""
    i = float(monthly_rate(rate))
    charge = float(capital_charge_factor(rate, months, residual))
    discount = (1 + i) ** -np.arange(1, months + 1)
    present_value = charge * discount.sum()
    assert present_value == pytest.approx(1 - residual * (1 + i) ** -months, rel=1e-9, abs=1e-12)


@given(rate_a=st.floats(0.0, 0.3), rate_b=st.floats(0.0, 0.3), months=st.integers(2, 180))
def test_charge_rises_with_the_discount_rate(rate_a, rate_b, months):
    low, high = sorted((rate_a, rate_b))
    assert capital_charge_factor(high, months, 0.1) >= capital_charge_factor(low, months, 0.1)


def test_window_sum_and_lag_by_hand():
    monthly = np.array([[[1.0, 2.0, 3.0, 4.0, 5.0]]])
    np.testing.assert_allclose(window_sum(monthly, 2), [[[1, 3, 5, 7, 9]]])
    np.testing.assert_allclose(window_sum(monthly, 9), [[[1, 3, 6, 10, 15]]])
    np.testing.assert_allclose(lagged(monthly, 2), [[[0, 0, 1, 2, 3]]])
    np.testing.assert_allclose(lagged(monthly, 7), [[[0, 0, 0, 0, 0]]])


def test_window_sum_and_lag_per_sample():
    monthly = np.array([[[1.0, 2.0, 3.0]], [[1.0, 2.0, 3.0]]])
    np.testing.assert_allclose(window_sum(monthly, np.array([1, 2])), [[[1, 2, 3]], [[1, 3, 5]]])
    np.testing.assert_allclose(lagged(monthly, np.array([1, 2])), [[[0, 1, 2]], [[0, 0, 1]]])
