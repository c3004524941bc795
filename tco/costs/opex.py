"""Running costs besides energy: maintenance, software licences and staff."""

import numpy as np

from tco.models.units import MONTHS_PER_YEAR


def maintenance_usd(
    hardware_in_service_usd: np.ndarray, maintenance_frac_per_year: float
) -> np.ndarray:
    """Hardware support and spares for one month [USD].

    = purchase value of the hardware in service [USD] × yearly rate [0-1/yr] / 12. Vendor
    support contracts are quoted as a yearly share of hardware value (8-12 % in [8, A.2]).
    """
    return hardware_in_service_usd * (maintenance_frac_per_year / MONTHS_PER_YEAR)


def per_accelerator_usd(
    accelerator_months: np.ndarray, usd_per_accelerator_year: float
) -> np.ndarray:
    """A cost quoted per accelerator per year, for one month [USD].

    = accelerators in service [count] (or rented hours / hours in a month) × rate [USD/yr] / 12.
    Used for software licences (e.g. NVIDIA AI Enterprise, per GPU per year) and staff
    (loaded salary / accelerators per engineer); the deployment presets give the figures.
    """
    return accelerator_months * (usd_per_accelerator_year / MONTHS_PER_YEAR)
