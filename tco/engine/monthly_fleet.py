"""The fleet month by month: demand → accelerators needed at peak → owned fleet (purchases,
retirements) and rented capacity → tokens served and capacity → IT energy
(docs/methodology.md §3-§5). Arrays have the shape (samples, workloads or 1, months).
"""

from dataclasses import dataclass

import numpy as np

from tco.costs.fleet import (
    burst_fraction,
    owned_fleet,
    peak_capacity_accelerators,
    round_up,
    whole_systems,
)
from tco.costs.power import IDLE_POWER_FRAC, it_energy_kwh
from tco.costs.trends import yearly_factor
from tco.engine.plan import Plan, Samples, per_sample
from tco.models.units import DAYS_PER_MONTH, HOURS_PER_MONTH, SECONDS_PER_DAY, SECONDS_PER_HOUR


@dataclass(frozen=True)
class Axis:
    """Keep the workload axis (per_workload) or sum over it as early as possible."""

    per_workload: bool

    def total(self, array: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        """Σ over workloads of array × weights, or the weighted array itself."""
        if self.per_workload:
            return array if weights is None else array * weights[None, :, None]
        if weights is None:
            return array.sum(axis=1, keepdims=True)
        return np.einsum("swt,w->st", array, weights)[:, None, :]

    def outer(self, per_workload: np.ndarray, per_sample_month: np.ndarray) -> np.ndarray:
        """per_workload[w] × per_sample_month[s, t], kept per workload or summed."""
        if self.per_workload:
            return per_workload[None, :, None] * per_sample_month
        return float(per_workload.sum()) * per_sample_month


@dataclass(frozen=True)
class Fleet:
    """What is owned, bought, rented and served each month, and the IT energy it takes."""

    owned: np.ndarray
    """Owned accelerators in service [count]."""
    purchased: np.ndarray
    """Accelerators bought that month [count]."""
    rented_peak: np.ndarray
    """Accelerators rented at the peak hour [count]."""
    rented_hours: np.ndarray
    """Rented accelerator-hours [h]."""
    tokens: np.ndarray
    """Tokens served [tokens]."""
    capacity_tokens: np.ndarray
    """Tokens the fleet could serve at its operating points [tokens]."""
    it_owned_kwh: np.ndarray
    it_rented_kwh: np.ndarray
    facility_kw: np.ndarray
    """IT power the facility is built (or leased) for: the most installed so far [kW]."""

    @property
    def accelerator_hours(self) -> np.ndarray:
        """Owned accelerators × hours + rented accelerator-hours [h]."""
        return self.owned * HOURS_PER_MONTH + self.rented_hours

    @property
    def accelerator_months(self) -> np.ndarray:
        """Owned accelerators + rented hours / hours in a month [accelerator-months]."""
        return self.owned + self.rented_hours / HOURS_PER_MONTH


def monthly_fleet(plan: Plan, samples: Samples, axis: Axis) -> Fleet:
    """Size the fleet month by month for every sample at once.

    Demand grows with the sample's growth rate and throughput with its software gain, so
    the load on workload w in month t factorises as mean_w × load[s, t]: mean_w is the
    accelerators kept busy in month 1 at the model's throughput, load[s, t] = growth /
    (throughput factor × efficiency). Only the whole-system rounding and the owned fleet
    need the full (samples, workloads, months) arrays.
    """
    scenario = plan.scenario
    kind, headroom_frac = scenario.deployment.kind, scenario.demand.headroom_frac
    months = np.arange(scenario.horizon_months)
    hours = HOURS_PER_MONTH
    ratio = per_sample(samples.peak_to_average)
    growth = yearly_factor(per_sample(samples.demand_growth_frac_per_year), months)
    speed = per_sample(samples.throughput_factor) * yearly_factor(
        per_sample(samples.software_efficiency_gain_frac_per_year), months
    )
    load = growth / speed
    rate = plan.tokens_per_s_per_accelerator
    mean_busy = plan.tokens_per_day / rate / SECONDS_PER_DAY  # accelerators busy, month 1
    peak = peak_capacity_accelerators(
        plan.tokens_per_day[None, :, None] * growth,
        ratio,
        headroom_frac,
        rate[None, :, None] * speed,
    )
    system = plan.system_accelerators[None, :, None]
    tokens = axis.outer(plan.tokens_per_day, growth * DAYS_PER_MONTH)
    energy_weight = plan.busy_power_frac - IDLE_POWER_FRAC
    busy_all_weighted = axis.outer(mean_busy * energy_weight, load)

    if kind == "cloud":
        rented = whole_systems(peak, system)
        owned_w = np.zeros_like(peak)
        owned = purchased = facility_kw = axis.total(owned_w)
        rented_peak = axis.total(rented)
        rented_hours = rented_peak * hours
        capacity_accelerators = axis.total(rented, rate)
        busy_owned_weighted = np.zeros_like(tokens)
    else:
        required = whole_systems(plan.owned_frac[None, :, None] * peak, system)
        refresh = scenario.trends.refresh_at_end_of_life
        fleet = owned_fleet(required, samples.hardware_life_months, refresh)
        owned_w = fleet.in_service
        owned, purchased = axis.total(owned_w), axis.total(fleet.purchased)
        facility_kw = axis.total(np.maximum.accumulate(owned_w, axis=-1)) * plan.accelerator_kw
        if kind == "hybrid":
            burst = burst_fraction(peak, ratio, owned_w)
            rented_hours = axis.total(burst) * hours
            rented_peak = axis.total(round_up(np.maximum(peak - owned_w, 0.0)))
            capacity_accelerators = axis.total(owned_w + burst, rate)
            busy_rented_w = burst / (1.0 + headroom_frac)
            busy_owned_weighted = busy_all_weighted - axis.total(busy_rented_w, energy_weight)
        else:
            rented_hours = rented_peak = np.zeros_like(owned)
            capacity_accelerators = axis.total(owned_w, rate)
            busy_owned_weighted = busy_all_weighted

    return Fleet(
        owned=owned,
        purchased=purchased,
        rented_peak=rented_peak,
        rented_hours=rented_hours,
        tokens=tokens,
        capacity_tokens=capacity_accelerators * speed * (SECONDS_PER_HOUR * hours),
        it_owned_kwh=it_energy_kwh(
            owned, busy_owned_weighted, plan.accelerator_kw, hours, IDLE_POWER_FRAC
        ),
        it_rented_kwh=it_energy_kwh(
            rented_hours / hours,
            busy_all_weighted - busy_owned_weighted,
            plan.accelerator_kw,
            hours,
            IDLE_POWER_FRAC,
        ),
        facility_kw=facility_kw,
    )
