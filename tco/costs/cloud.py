"""Cloud rental: the price of an accelerator-hour under a commitment."""

import numpy as np


def rental_usd(
    accelerator_hours: np.ndarray,
    on_demand_usd_per_hour: np.ndarray | float,
    price_frac: float,
    decline_factor: np.ndarray | float,
) -> np.ndarray:
    """Rental bill [USD] = accelerator-hours [h] × on-demand price [USD/h] × commitment share
    [0-1] × price decline since the start [ratio].

    A reserved commitment is a share of the on-demand price (AWS 3-year savings plan for
    8 × H200: 27.34 / 63.296 = 0.43 [8, A.3]). The decline factor applies to the whole rented
    fleet each month, i.e. contracts re-price as the market falls (a simplification for
    reserved terms, whose price is locked for the term).
    """
    return (
        accelerator_hours
        * np.asarray(on_demand_usd_per_hour, dtype=float)
        * price_frac
        * decline_factor
    )
