"""Yearly rates turned into monthly factors: demand growth, price declines, escalation."""

import numpy as np

from tco.models.units import MONTHS_PER_YEAR


def yearly_factor(rate_frac_per_year: np.ndarray | float, month_index: np.ndarray) -> np.ndarray:
    """Compound factor after ``month_index`` months at a yearly rate [ratio].

    factor = (1 + r) ** (m / 12), with m = 0 in the first month, so month 1 carries the
    starting value and the rate compounds smoothly month by month [1].

    rate_frac_per_year: yearly change [0-1/yr], negative for a decline (pass ``-d``).
    month_index: months since the start [months], 0-based.
    """
    return np.power(
        1.0 + np.asarray(rate_frac_per_year, dtype=float), month_index / MONTHS_PER_YEAR
    )
