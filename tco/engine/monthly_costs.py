"""Money month by month, one small function per cost topic (docs/methodology.md §5-§8).

Each topic reads the fleet (`tco.engine.monthly_fleet`), the plan and the samples, and does
its arithmetic through the pure cost functions of `tco.costs`: hardware and its financing,
the facility, colocation, energy, maintenance, per-accelerator costs (software, staff) and
cloud rental. `monthly_costs` puts them together into the components of the breakdown and
the totals: capital charge, operating cost, cost, cash, and the cash of renting instead.
Arrays have the shape (samples, workloads or 1, months); money is in USD.
"""

import functools
import operator
from collections.abc import Iterable
from dataclasses import dataclass

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
from tco.costs.energy import energy_cost_usd, facility_energy_kwh
from tco.costs.financing import capital_charge_factor, lagged, life_months, window_sum
from tco.costs.opex import maintenance_usd, per_accelerator_usd
from tco.costs.trends import yearly_factor
from tco.engine.monthly_fleet import Fleet
from tco.engine.plan import Plan, Samples, per_sample


@dataclass(frozen=True)
class MonthlyCosts:
    """The breakdown's components and the totals built from them [USD per month]."""

    components_usd: dict[str, np.ndarray]
    capex_cash_usd: np.ndarray
    capital_charge_usd: np.ndarray
    opex_usd: np.ndarray
    cost_usd: np.ndarray
    cash_usd: np.ndarray
    rental_cash_usd: np.ndarray
    """Cash had the same fleet been rented on demand (plus the same software and staff)."""


@dataclass(frozen=True)
class _Hardware:
    charges_usd: dict[str, np.ndarray]
    """Capital charge of each hardware class (the lease payment when leased)."""
    bought_usd: np.ndarray
    """Cash paid for hardware bought that month (none when leased)."""
    resold_usd: np.ndarray
    """Resale proceeds of hardware retired that month."""
    in_service_usd: np.ndarray
    """Purchase value of the hardware in service."""


def _sum(arrays: Iterable[np.ndarray]) -> np.ndarray:
    """Element-wise sum, left to right (as the builtin sum, without its integer start)."""
    return functools.reduce(operator.add, arrays)


def _hardware(plan: Plan, samples: Samples, months: np.ndarray, purchased: np.ndarray) -> _Hardware:
    """Capital charges by hardware class, and the cash of buying and reselling it (§5).

    Every hardware class costs a fixed share of the accelerator's price (tco.costs.capex), so
    the charges of all classes follow from one stream of spend on accelerators. Bought, it is
    financed at the WACC; leased, at the lease's rate, and the charge is the lease payment.
    """
    scenario = plan.scenario
    finance, trends = scenario.finance, scenario.trends
    buy = finance.financing == "buy"
    life = samples.hardware_life_months.astype(np.int64)
    network_life = life_months(finance.network_life_years)
    rate = per_sample(samples.wacc_frac) if buy else finance.lease_rate_frac
    price = per_sample(samples.accelerator_price_usd) * yearly_factor(
        -trends.hardware_price_decline_frac_per_year, months
    )
    spend = purchased * price  # accelerators bought × their price that month [USD]
    shares = {
        name: float(value)
        for name, value in hardware_cost_per_accelerator(
            1.0, scenario.capex, scenario.deployment.hardware_discount_frac
        ).items()
    }
    hardware_share = sum(shares.values())
    within_life = window_sum(spend, life)
    within_network_life = window_sum(spend, network_life)
    charges: dict[str, np.ndarray] = {}
    by_life: dict[tuple[bool, float], np.ndarray] = {}  # (network life?, residual) → charge
    for name in HARDWARE_CLASSES:
        network = name in NETWORK_CLASSES
        residual = finance.residual_value_frac if name in RESIDUAL_CLASSES else 0.0
        if (network, residual) not in by_life:
            class_life = network_life if network else life
            factor = capital_charge_factor(rate, per_sample(class_life), residual)
            by_life[network, residual] = factor * (within_network_life if network else within_life)
        charges[name] = shares[name] * by_life[network, residual]
    resold = np.zeros_like(spend)
    if buy and trends.refresh_at_end_of_life and finance.residual_value_frac:
        resold_share = sum(shares[name] for name in RESIDUAL_CLASSES)
        resold = finance.residual_value_frac * resold_share * lagged(spend, life)
    in_service = within_life if trends.refresh_at_end_of_life else np.cumsum(spend, axis=-1)
    return _Hardware(
        charges_usd=charges,
        bought_usd=spend * hardware_share if buy else np.zeros_like(spend),
        resold_usd=resold,
        in_service_usd=hardware_share * in_service,
    )


def _facility_usd_per_kw(plan: Plan, samples: Samples) -> np.ndarray:
    """What a kW of IT capacity costs to build: a hall of our own, an edge site, or nothing."""
    deployment = plan.scenario.deployment
    if deployment.kind in ("owned", "hybrid"):
        return facility_build_usd_per_kw(
            per_sample(samples.construction_usd_per_w),
            plan.cooling.facility_capex_premium_frac,
            plan.money.from_usd(plan.cooling.rack_fitout_usd, plan.cooling.currency_year),
            plan.rack_it_kw,
        )
    if deployment.kind == "edge":
        return np.full((1, 1, 1), plan.money.from_usd(deployment.edge_site_usd_per_kw))
    return np.zeros((1, 1, 1))


def _facility(
    plan: Plan, samples: Samples, facility_kw: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The facility's capital charge, and the cash of building it each month (§6)."""
    built_kw = np.diff(facility_kw, axis=-1, prepend=0.0)
    bought = built_kw * _facility_usd_per_kw(plan, samples)
    life = life_months(plan.scenario.finance.facility_life_years)
    factor = capital_charge_factor(per_sample(samples.wacc_frac), life)
    return factor * window_sum(bought, life), bought


def _colocation(plan: Plan, samples: Samples, facility_kw: np.ndarray) -> np.ndarray:
    """Colocation rent for the IT capacity leased in someone else's hall (§6)."""
    if plan.scenario.deployment.kind != "colocation":
        return np.zeros_like(facility_kw)
    return facility_kw * per_sample(samples.colocation_usd_per_kw_month)


def _energy(plan: Plan, samples: Samples, months: np.ndarray, it_kwh: np.ndarray) -> np.ndarray:
    """Electricity bill of the owned fleet's facility at the escalating tariff (§7)."""
    facility_kwh = facility_energy_kwh(it_kwh, per_sample(samples.pue))
    tariff = per_sample(samples.electricity_usd_per_kwh) * yearly_factor(
        plan.scenario.trends.electricity_escalation_frac_per_year, months
    )
    return energy_cost_usd(facility_kwh, tariff)


def _rental(
    plan: Plan, samples: Samples, months: np.ndarray, hours: np.ndarray, price_frac: float
) -> np.ndarray:
    """Rent of ``hours`` accelerator-hours at a share of the falling on-demand price (§7)."""
    decline = yearly_factor(-plan.scenario.trends.cloud_price_decline_frac_per_year, months)
    return rental_usd(hours, per_sample(samples.cloud_usd_per_hour), price_frac, decline)


def monthly_costs(plan: Plan, samples: Samples, fleet: Fleet) -> MonthlyCosts:
    """Every cost component of every month, and the totals the result reports (§8)."""
    scenario = plan.scenario
    operations = scenario.operations
    months = np.arange(scenario.horizon_months)
    hardware = _hardware(plan, samples, months, fleet.purchased)
    facility_charge, facility_bought = _facility(plan, samples, fleet.facility_kw)
    components = {
        **hardware.charges_usd,
        "facility": facility_charge,
        "colocation": _colocation(plan, samples, fleet.facility_kw),
        "energy": _energy(plan, samples, months, fleet.it_owned_kwh),
        "maintenance": maintenance_usd(
            hardware.in_service_usd, operations.maintenance_frac_per_year
        ),
        "software": per_accelerator_usd(
            fleet.accelerator_months,
            plan.money.from_usd(operations.software_usd_per_accelerator_year),
        ),
        "staff": per_accelerator_usd(
            fleet.accelerator_months,
            plan.money.from_usd(operations.staff_usd_per_accelerator_year),
        ),
        "cloud_rental": _rental(
            plan, samples, months, fleet.rented_hours, scenario.deployment.cloud_price_frac
        ),
    }
    capital_charge = _sum(components[name] for name in CAPITAL_COMPONENTS)
    opex = _sum(components[name] for name in COMPONENTS if name not in CAPITAL_COMPONENTS)
    leased = scenario.finance.financing == "lease"
    lease_payments = _sum(hardware.charges_usd.values()) if leased else 0.0
    capex_cash = hardware.bought_usd + facility_bought
    return MonthlyCosts(
        components_usd=components,
        capex_cash_usd=capex_cash,
        capital_charge_usd=capital_charge,
        opex_usd=opex,
        cost_usd=capital_charge + opex,
        cash_usd=capex_cash + lease_payments + opex - hardware.resold_usd,
        rental_cash_usd=(
            _rental(plan, samples, months, fleet.accelerator_hours, 1.0)
            + components["software"]
            + components["staff"]
        ),
    )
