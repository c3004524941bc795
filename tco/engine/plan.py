"""What the monthly timeline starts from: a `Plan` fixed for the scenario, `Samples` that vary.

One code path serves the deterministic result (one sample), the tornado (two samples per
input) and Monte Carlo (thousands): every input that can vary is an array with one value
per sample (`Samples`); the `Plan` holds the scenario's validated parts as they are and what
`tco.engine.prepare` derived from them and the catalogue.
"""

from dataclasses import dataclass, fields, replace

import numpy as np

from tco.costs.currency import MoneyBasis
from tco.models import Cooling, Scenario


@dataclass(frozen=True)
class Samples:
    """Inputs that may differ between samples: one value per sample in each array."""

    electricity_usd_per_kwh: np.ndarray
    accelerator_price_usd: np.ndarray
    pue: np.ndarray
    wacc_frac: np.ndarray
    peak_to_average: np.ndarray
    throughput_factor: np.ndarray
    """Multiplier on every operating point's throughput [ratio]; 1 = the throughput model."""
    hardware_life_months: np.ndarray
    demand_growth_frac_per_year: np.ndarray
    software_efficiency_gain_frac_per_year: np.ndarray
    cloud_usd_per_hour: np.ndarray
    construction_usd_per_w: np.ndarray
    colocation_usd_per_kw_month: np.ndarray

    @property
    def size(self) -> int:
        return int(self.pue.shape[0])

    def repeat(self, count: int) -> "Samples":
        """The same values ``count`` times (to vary some of them afterwards)."""
        return Samples(**{f.name: np.repeat(getattr(self, f.name), count) for f in fields(self)})

    def with_values(self, **arrays: np.ndarray) -> "Samples":
        return replace(self, **{k: np.asarray(v) for k, v in arrays.items()})


@dataclass(frozen=True)
class Plan:
    """Everything about a scenario that is the same in every sample.

    ``scenario`` is read as it is, except for the inputs `Samples` carries (the WACC, the
    hardware life, peak-to-average, demand growth and the software gain): those are always
    read from the samples, so that the tornado and Monte Carlo can vary them. The workload
    arrays have shape (workloads,).
    """

    scenario: Scenario
    cooling: Cooling
    grid_gco2e_per_kwh: float
    """The site's grid carbon intensity, or the scenario's override of it."""
    tokens_per_day: np.ndarray
    """Demand of each workload in the first month [tokens/day]."""
    tokens_per_s_per_accelerator: np.ndarray
    """Input + output tokens one accelerator serves at each workload's operating point."""
    system_accelerators: np.ndarray
    """Accelerators per serving system of each workload (the rounding unit) [count]."""
    owned_frac: np.ndarray
    """Share of each workload's peak capacity that is owned [0-1] (0 cloud, 1 owned)."""
    busy_power_frac: np.ndarray
    """Server power while serving each workload, share of its maximum [0-1]."""
    accelerator_kw: float
    """Server power at maximum per accelerator [kW]."""
    rack_it_kw: float
    """IT power of one rack as laid out [kW] (1 when no rack of ours is laid out)."""
    money: MoneyBasis
    """The scenario's currency and price year. `Samples` are already in it; money read from
    ``scenario`` (entered in US dollars) or ``cooling`` (USD of its year) passes through
    ``money.from_usd`` where it is used."""


def per_sample(values: np.ndarray | float) -> np.ndarray:
    """One value per sample, shaped (samples, 1, 1) to broadcast over workloads and months."""
    return np.asarray(values, dtype=float).reshape(-1, 1, 1)
