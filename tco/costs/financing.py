"""Financing: what a purchase costs per month once capital has a price.

The capital charge is the level monthly payment that repays an asset's cost, net of the
present value of what it can be sold for at the end, over its life at a discount rate:
the standard annuity of engineering economics [1]. Leasing uses the same formula at
the lessor's implicit rate: the lessor keeps the residual value and charges for capital.
"""

import numpy as np

from tco.models.units import MONTHS_PER_YEAR

_ZERO_RATE = 1e-12


def life_months(life_years: float) -> int:
    """A depreciation life in whole months, at least one [months]; life_years [years]."""
    return max(1, round(life_years * MONTHS_PER_YEAR))


def monthly_rate(rate_frac_per_year: np.ndarray | float) -> np.ndarray:
    """Monthly rate equivalent to a yearly rate [1/month]: i = (1 + r) ** (1/12) - 1 [1].

    rate_frac_per_year: yearly rate [0-1/yr].
    """
    return np.expm1(np.log1p(np.asarray(rate_frac_per_year, dtype=float)) / MONTHS_PER_YEAR)


def capital_recovery_factor(
    rate_per_month: np.ndarray | float, months: np.ndarray | float
) -> np.ndarray:
    """Level payment per month that repays 1 USD over ``months`` [1/month].

    CRF = i / (1 - (1 + i) ** -n), and 1/n when i = 0 [1].

    rate_per_month: monthly discount rate i [1/month]; months: life n [months], n ≥ 1.
    """
    i = np.asarray(rate_per_month, dtype=float)
    n = np.asarray(months, dtype=float)
    zero = i < _ZERO_RATE
    safe = np.where(zero, 1.0, i)
    annuity = safe / -np.expm1(-n * np.log1p(safe))  # 1 - (1+i)^-n without cancellation
    return np.where(zero, 1.0 / n, annuity)


def capital_charge_factor(
    rate_frac_per_year: np.ndarray | float,
    life_months: np.ndarray | float,
    residual_value_frac: np.ndarray | float = 0.0,
) -> np.ndarray:
    """Monthly capital charge per USD of purchase [1/month].

    charge = (1 - R · (1 + i) ** -n) · CRF(i, n): the cost net of the present value of the
    residual value R received at the end of life, spread as a level monthly payment that
    also pays the return on capital at the yearly rate [1].

    rate_frac_per_year: WACC, or the lease's implicit rate [0-1/yr].
    life_months: depreciation life n [months]. residual_value_frac: R [0-1].
    """
    i = monthly_rate(rate_frac_per_year)
    n = np.asarray(life_months, dtype=float)
    residual_pv = np.asarray(residual_value_frac, dtype=float) * np.power(1.0 + i, -n)
    return (1.0 - residual_pv) * capital_recovery_factor(i, n)


def window_sum(monthly: np.ndarray, window_months: np.ndarray | int) -> np.ndarray:
    """Sum over the last ``window_months`` months, month by month [same unit as input].

    out[..., t] = monthly[..., t - n + 1] + … + monthly[..., t]. Used for charges of every
    purchase still within its life, and for the value of hardware still in service.
    ``monthly`` has months on its last axis; ``window_months`` is a scalar or one value per
    sample (the first axis) [months].
    """
    cumulative = np.cumsum(monthly, axis=-1)
    months = monthly.shape[-1]
    n = np.asarray(window_months, dtype=np.int64)
    if n.size == 1:
        n = n.reshape(())
        if n >= months:
            return cumulative
        lagged = np.zeros_like(cumulative)
        lagged[..., n:] = cumulative[..., : months - n]
        return cumulative - lagged
    shape = (n.shape[0],) + (1,) * (monthly.ndim - 1)
    source = np.arange(months) - n.reshape(shape)
    lagged = np.take_along_axis(
        cumulative, np.broadcast_to(np.maximum(source, 0), cumulative.shape), axis=-1
    )
    return cumulative - np.where(source >= 0, lagged, 0.0)


def lagged(monthly: np.ndarray, lag_months: np.ndarray | int) -> np.ndarray:
    """The value ``lag_months`` months earlier, zero before the start [same unit as input].

    out[..., t] = monthly[..., t - n] for t ≥ n, else 0; ``lag_months`` is a scalar or one
    value per sample (the first axis) [months].
    """
    months = monthly.shape[-1]
    n = np.asarray(lag_months, dtype=np.int64)
    if n.size == 1:
        shift = int(n.reshape(()))
        out = np.zeros_like(monthly)
        if shift < months:
            out[..., shift:] = monthly[..., : months - shift]
        return out
    shape = (n.shape[0],) + (1,) * (monthly.ndim - 1)
    source = np.arange(months) - n.reshape(shape)
    index = np.broadcast_to(np.maximum(source, 0), monthly.shape)
    return np.where(source >= 0, np.take_along_axis(monthly, index, axis=-1), 0.0)
