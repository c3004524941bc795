"""Energy: facility energy, its cost, and the carbon and water that come with it."""

import numpy as np

from tco.models.units import G_PER_KG


def facility_energy_kwh(it_energy_kwh: np.ndarray, pue: np.ndarray | float) -> np.ndarray:
    """Energy drawn by the whole facility [kWh] = IT energy [kWh] × PUE [ratio].

    PUE is total facility energy over IT equipment energy, so cooling and power losses are
    carried by the multiplier [9].
    """
    return it_energy_kwh * np.asarray(pue, dtype=float)


def energy_cost_usd(
    facility_energy_kwh: np.ndarray, tariff_usd_per_kwh: np.ndarray | float
) -> np.ndarray:
    """Electricity bill [USD] = facility energy [kWh] × tariff [USD/kWh] [7]."""
    return facility_energy_kwh * tariff_usd_per_kwh


def co2e_kg(facility_energy_kwh: np.ndarray, grid_gco2e_per_kwh: np.ndarray | float) -> np.ndarray:
    """Emissions of grid electricity [kg CO2e] = energy [kWh] × intensity [gCO2e/kWh] / 1000.

    Location-based scope-2 accounting: the average intensity of the site's grid [16].
    """
    return facility_energy_kwh * grid_gco2e_per_kwh / G_PER_KG


def water_l(it_energy_kwh: np.ndarray, wue_l_per_kwh: float) -> np.ndarray:
    """Water used on site [L] = IT energy [kWh] × WUE [L/kWh] (The Green Grid WUE [10])."""
    return it_energy_kwh * wue_l_per_kwh
