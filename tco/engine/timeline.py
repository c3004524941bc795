"""Month by month over the horizon, vectorised over samples.

`simulate` runs the fleet (tco.engine.monthly_fleet), then the money (tco.engine.monthly_costs),
then the facility energy, emissions and water, for every sample of `Samples` at once under
one `Plan` (tco.engine.plan). Arrays have the shape (samples, workloads, months); with
``per_workload=False`` the workload axis is summed as early as the economics allow
(length 1), which keeps Monte Carlo small and fast.
"""

from dataclasses import dataclass

import numpy as np

from tco.costs.energy import co2e_kg, facility_energy_kwh, water_l
from tco.engine.monthly_costs import monthly_costs
from tco.engine.monthly_fleet import Axis, monthly_fleet
from tco.engine.plan import Plan, Samples, per_sample


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


def simulate(plan: Plan, samples: Samples, *, per_workload: bool = True) -> Timeline:
    """Run the horizon month by month for every sample at once (docs/methodology.md §3-§8)."""
    fleet = monthly_fleet(plan, samples, Axis(per_workload))
    money = monthly_costs(plan, samples, fleet)
    it_energy = fleet.it_owned_kwh + fleet.it_rented_kwh
    facility_energy = facility_energy_kwh(it_energy, per_sample(samples.pue))
    return Timeline(
        components_usd=money.components_usd,
        tokens=fleet.tokens,
        capacity_tokens=fleet.capacity_tokens,
        owned_accelerators=fleet.owned,
        rented_accelerators=fleet.rented_peak,
        accelerator_hours=fleet.accelerator_hours,
        provisioned_it_kw=fleet.owned * plan.accelerator_kw,
        it_energy_kwh=it_energy,
        facility_energy_kwh=facility_energy,
        co2e_kg=co2e_kg(facility_energy, plan.grid_gco2e_per_kwh),
        water_l=water_l(it_energy, plan.cooling.wue_l_per_kwh),
        capex_cash_usd=money.capex_cash_usd,
        capital_charge_usd=money.capital_charge_usd,
        opex_usd=money.opex_usd,
        cost_usd=money.cost_usd,
        cash_usd=money.cash_usd,
        rental_cash_usd=money.rental_cash_usd,
    )
