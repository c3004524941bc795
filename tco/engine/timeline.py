"""Month by month over the horizon, vectorised over samples.

One code path serves the deterministic result (one sample), the tornado (two samples per
input) and Monte Carlo (thousands): every input that can vary is an array with one value
per sample (`Samples`), everything fixed for the scenario is in a `Plan`. Arrays have the
shape (samples, workloads, months); with ``per_workload=False`` the workload axis is summed
as early as the economics allow (length 1), which keeps Monte Carlo small and fast.

Order of the monthly calculation (docs/methodology.md §3-§7):
demand → accelerators needed at peak → owned fleet (purchases, retirements) and rented
capacity → tokens served and capacity → IT and facility energy → capital charges, cash
and running costs by component.
"""

import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Literal

import numpy as np

from tco.costs.capex import (
    HARDWARE_CLASSES,
    NETWORK_CLASSES,
    RESIDUAL_CLASSES,
    facility_build_usd_per_kw,
    hardware_cost_per_accelerator,
)
from tco.costs.cloud import rental_usd
from tco.costs.components import CAPITAL_COMPONENTS, COMPONENTS
from tco.costs.energy import co2e_kg, energy_cost_usd, facility_energy_kwh, water_l
from tco.costs.financing import capital_charge_factor, lagged, window_sum
from tco.costs.fleet import (
    burst_fraction,
    owned_fleet,
    peak_capacity_accelerators,
    round_up,
    whole_systems,
)
from tco.costs.opex import maintenance_usd, per_accelerator_usd
from tco.costs.power import it_energy_kwh
from tco.costs.trends import yearly_factor
from tco.models import CapexAssumptions
from tco.models.deployment import DeploymentKind
from tco.models.units import DAYS_PER_MONTH, HOURS_PER_MONTH, SECONDS_PER_DAY, SECONDS_PER_HOUR


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
    """Everything about a scenario that is the same in every sample."""

    months: int
    kind: DeploymentKind
    tokens_per_day: np.ndarray
    """Demand of each workload in the first month [tokens/day], shape (workloads,)."""
    tokens_per_s_per_accelerator: np.ndarray
    """Input + output tokens one accelerator serves at each workload's operating point."""
    system_accelerators: np.ndarray
    """Accelerators per serving system of each workload (the rounding unit) [count]."""
    owned_frac: np.ndarray
    """Share of each workload's peak capacity that is owned [0-1] (0 cloud, 1 owned)."""
    busy_power_frac: np.ndarray
    """Server power while serving each workload, share of its maximum [0-1]."""
    headroom_frac: float
    accelerator_kw: float
    """Server power at maximum per accelerator [kW]."""
    idle_power_frac: float
    capex: CapexAssumptions
    hardware_discount_frac: float
    residual_value_frac: float
    network_life_months: int
    facility_life_months: int
    financing: Literal["buy", "lease"]
    lease_rate_frac: float
    cooling_premium_frac: float
    rack_fitout_usd: float
    rack_it_kw: float
    edge_site_usd_per_kw: float
    maintenance_frac_per_year: float
    software_usd_per_accelerator_year: float
    staff_usd_per_accelerator_year: float
    cloud_price_frac: float
    hardware_price_decline_frac_per_year: float
    cloud_price_decline_frac_per_year: float
    electricity_escalation_frac_per_year: float
    refresh_at_end_of_life: bool
    grid_gco2e_per_kwh: float
    wue_l_per_kwh: float


@dataclass(frozen=True)
class Timeline:
    """Monthly figures, shape (samples, workloads or 1, months). Money in USD."""

    components_usd: dict[str, np.ndarray]
    tokens: np.ndarray
    capacity_tokens: np.ndarray
    owned_accelerators: np.ndarray
    rented_accelerators: np.ndarray
    """Rented at the peak hour [count]."""
    accelerator_hours: np.ndarray
    """Owned accelerators × hours + rented accelerator-hours [h]."""
    provisioned_it_kw: np.ndarray
    """Maximum power of the owned servers in service [kW]."""
    it_energy_kwh: np.ndarray
    facility_energy_kwh: np.ndarray
    co2e_kg: np.ndarray
    water_l: np.ndarray
    capex_cash_usd: np.ndarray
    capital_charge_usd: np.ndarray
    opex_usd: np.ndarray
    cost_usd: np.ndarray
    cash_usd: np.ndarray
    rental_cash_usd: np.ndarray
    """Cash had the same fleet been rented on demand (plus the same software and staff)."""


def _per_sample(values: np.ndarray | float) -> np.ndarray:
    return np.asarray(values, dtype=float).reshape(-1, 1, 1)


def _sum(arrays: Iterable[np.ndarray]) -> np.ndarray:
    """Element-wise sum, left to right (as the builtin sum, without its integer start)."""
    return functools.reduce(operator.add, arrays)


@dataclass(frozen=True)
class _Axis:
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


def simulate(plan: Plan, samples: Samples, *, per_workload: bool = True) -> Timeline:
    """Run the horizon month by month for every sample at once.

    Demand grows with the sample's growth rate and throughput with its software gain, so
    the load on workload w in month t factorises as mean_w × load[s, t]: mean_w is the
    accelerators kept busy in month 1 at the model's throughput, load[s, t] = growth /
    (throughput factor × efficiency). Only the whole-system rounding and the owned fleet
    need the full (samples, workloads, months) arrays.
    """
    axis = _Axis(per_workload)
    months = np.arange(plan.months)
    hours = HOURS_PER_MONTH
    ratio = _per_sample(samples.peak_to_average)
    growth = yearly_factor(_per_sample(samples.demand_growth_frac_per_year), months)
    speed = _per_sample(samples.throughput_factor) * yearly_factor(
        _per_sample(samples.software_efficiency_gain_frac_per_year), months
    )
    load = growth / speed
    rate = plan.tokens_per_s_per_accelerator
    mean_busy = plan.tokens_per_day / rate / SECONDS_PER_DAY  # accelerators busy, month 1
    peak = peak_capacity_accelerators(
        plan.tokens_per_day[None, :, None] * growth,
        ratio,
        plan.headroom_frac,
        rate[None, :, None] * speed,
    )
    system = plan.system_accelerators[None, :, None]
    tokens = axis.outer(plan.tokens_per_day, growth * DAYS_PER_MONTH)
    energy_weight = plan.busy_power_frac - plan.idle_power_frac
    busy_all_weighted = axis.outer(mean_busy * energy_weight, load)

    if plan.kind == "cloud":
        rented = whole_systems(peak, system)
        owned_w = np.zeros_like(peak)
        owned = purchased = facility_kw = axis.total(owned_w)
        rented_peak = axis.total(rented)
        rented_hours = rented_peak * hours
        capacity_accelerators = axis.total(rented, rate)
        busy_owned_weighted = np.zeros_like(tokens)
    else:
        required = whole_systems(plan.owned_frac[None, :, None] * peak, system)
        fleet = owned_fleet(required, samples.hardware_life_months, plan.refresh_at_end_of_life)
        owned_w = fleet.in_service
        owned, purchased = axis.total(owned_w), axis.total(fleet.purchased)
        # the facility is built (or leased) for the most IT power installed so far
        facility_kw = axis.total(np.maximum.accumulate(owned_w, axis=-1)) * plan.accelerator_kw
        if plan.kind == "hybrid":
            burst = burst_fraction(peak, ratio, owned_w)
            rented_hours = axis.total(burst) * hours
            rented_peak = axis.total(round_up(np.maximum(peak - owned_w, 0.0)))
            capacity_accelerators = axis.total(owned_w + burst, rate)
            busy_rented_w = burst / (1.0 + plan.headroom_frac)
            busy_owned_weighted = busy_all_weighted - axis.total(busy_rented_w, energy_weight)
        else:
            rented_hours = rented_peak = np.zeros_like(owned)
            capacity_accelerators = axis.total(owned_w, rate)
            busy_owned_weighted = busy_all_weighted

    capacity_tokens = capacity_accelerators * speed * (SECONDS_PER_HOUR * hours)
    it_owned = it_energy_kwh(
        owned, busy_owned_weighted, plan.accelerator_kw, hours, plan.idle_power_frac
    )
    it_rented = it_energy_kwh(
        rented_hours / hours,
        busy_all_weighted - busy_owned_weighted,
        plan.accelerator_kw,
        hours,
        plan.idle_power_frac,
    )
    return _costs(
        plan,
        samples,
        months,
        owned=owned,
        purchased=purchased,
        rented_peak=rented_peak,
        rented_hours=rented_hours,
        tokens=tokens,
        capacity_tokens=capacity_tokens,
        it_owned=it_owned,
        it_rented=it_rented,
        facility_kw=facility_kw,
    )


def _costs(
    plan: Plan,
    samples: Samples,
    months: np.ndarray,
    *,
    owned: np.ndarray,
    purchased: np.ndarray,
    rented_peak: np.ndarray,
    rented_hours: np.ndarray,
    tokens: np.ndarray,
    capacity_tokens: np.ndarray,
    it_owned: np.ndarray,
    it_rented: np.ndarray,
    facility_kw: np.ndarray,
) -> Timeline:
    """Money, energy and emissions from the fleet (docs/methodology.md §5-§7)."""
    hours = HOURS_PER_MONTH
    life = samples.hardware_life_months.astype(np.int64)
    buy = plan.financing == "buy"
    rate = _per_sample(samples.wacc_frac) if buy else plan.lease_rate_frac
    # Every hardware class costs a fixed share of the accelerator's price (tco.costs.capex),
    # so the charges of all classes follow from one stream of spend on accelerators.
    price = _per_sample(samples.accelerator_price_usd) * yearly_factor(
        -plan.hardware_price_decline_frac_per_year, months
    )
    spend = purchased * price  # accelerators bought × their price that month [USD]
    shares = {
        name: float(value)
        for name, value in hardware_cost_per_accelerator(
            1.0, plan.capex, plan.hardware_discount_frac
        ).items()
    }
    hardware_share = sum(shares.values())
    within_life = window_sum(spend, life)
    within_network_life = window_sum(spend, plan.network_life_months)
    components: dict[str, np.ndarray] = {}
    charges: dict[tuple[bool, float], np.ndarray] = {}  # (network life?, residual) → charge
    for name in HARDWARE_CLASSES:
        network = name in NETWORK_CLASSES
        residual = plan.residual_value_frac if name in RESIDUAL_CLASSES else 0.0
        if (network, residual) not in charges:
            class_life = plan.network_life_months if network else life
            factor = capital_charge_factor(rate, _per_sample(class_life), residual)
            charges[network, residual] = factor * (within_network_life if network else within_life)
        components[name] = shares[name] * charges[network, residual]
    capex_cash = spend * hardware_share if buy else np.zeros_like(tokens)
    proceeds = np.zeros_like(tokens)
    if buy and plan.refresh_at_end_of_life and plan.residual_value_frac:
        resold = sum(shares[name] for name in RESIDUAL_CLASSES)
        proceeds = plan.residual_value_frac * resold * lagged(spend, life)
    in_service_value = hardware_share * (
        within_life if plan.refresh_at_end_of_life else np.cumsum(spend, axis=-1)
    )
    built_kw = np.diff(facility_kw, axis=-1, prepend=0.0)
    if plan.kind in ("owned", "hybrid"):
        per_kw = facility_build_usd_per_kw(
            _per_sample(samples.construction_usd_per_w),
            plan.cooling_premium_frac,
            plan.rack_fitout_usd,
            plan.rack_it_kw,
        )
    elif plan.kind == "edge":
        per_kw = np.full((1, 1, 1), plan.edge_site_usd_per_kw)
    else:
        per_kw = np.zeros((1, 1, 1))
    facility_bought = built_kw * per_kw
    facility_factor = capital_charge_factor(
        _per_sample(samples.wacc_frac), plan.facility_life_months
    )
    components["facility"] = facility_factor * window_sum(
        facility_bought, plan.facility_life_months
    )
    capex_cash = capex_cash + facility_bought

    colocation = plan.kind == "colocation"
    components["colocation"] = (
        facility_kw * _per_sample(samples.colocation_usd_per_kw_month)
        if colocation
        else np.zeros_like(tokens)
    )
    pue = _per_sample(samples.pue)
    facility_owned = facility_energy_kwh(it_owned, pue)
    tariff = _per_sample(samples.electricity_usd_per_kwh) * yearly_factor(
        plan.electricity_escalation_frac_per_year, months
    )
    components["energy"] = energy_cost_usd(facility_owned, tariff)
    components["maintenance"] = maintenance_usd(in_service_value, plan.maintenance_frac_per_year)
    accelerator_months = owned + rented_hours / hours
    components["software"] = per_accelerator_usd(
        accelerator_months, plan.software_usd_per_accelerator_year
    )
    components["staff"] = per_accelerator_usd(
        accelerator_months, plan.staff_usd_per_accelerator_year
    )
    cloud_decline = yearly_factor(-plan.cloud_price_decline_frac_per_year, months)
    on_demand = _per_sample(samples.cloud_usd_per_hour)
    components["cloud_rental"] = rental_usd(
        rented_hours, on_demand, plan.cloud_price_frac, cloud_decline
    )

    capital_charge = _sum(components[name] for name in CAPITAL_COMPONENTS)
    opex = _sum(components[name] for name in COMPONENTS if name not in CAPITAL_COMPONENTS)
    cost = capital_charge + opex
    lease_payments = 0.0 if buy else sum(components[name] for name in HARDWARE_CLASSES)
    cash = capex_cash + lease_payments + opex - proceeds
    accelerator_hours = owned * hours + rented_hours
    rental_cash = (
        rental_usd(accelerator_hours, on_demand, 1.0, cloud_decline)
        + components["software"]
        + components["staff"]
    )
    it_energy = it_owned + it_rented
    facility_energy = facility_energy_kwh(it_energy, pue)
    return Timeline(
        components_usd=components,
        tokens=tokens,
        capacity_tokens=capacity_tokens,
        owned_accelerators=owned,
        rented_accelerators=rented_peak,
        accelerator_hours=accelerator_hours,
        provisioned_it_kw=owned * plan.accelerator_kw,
        it_energy_kwh=it_energy,
        facility_energy_kwh=facility_energy,
        co2e_kg=co2e_kg(facility_energy, plan.grid_gco2e_per_kwh),
        water_l=water_l(it_energy, plan.wue_l_per_kwh),
        capex_cash_usd=capex_cash,
        capital_charge_usd=capital_charge,
        opex_usd=opex,
        cost_usd=cost,
        cash_usd=cash,
        rental_cash_usd=rental_cash,
    )
