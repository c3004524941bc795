"""Capital expenditure: hardware per accelerator by asset class, and the facility per kW."""

import numpy as np

from tco.models import CapexAssumptions
from tco.models.units import W_PER_KW

HARDWARE_CLASSES = ("accelerators", "servers", "network", "storage", "installation")
"""Asset classes bought with every accelerator, in breakdown order."""

RESIDUAL_CLASSES = frozenset({"accelerators", "servers"})
"""Classes with a resale value at end of life; network, storage and installation have none."""

NETWORK_CLASSES = frozenset({"network", "storage"})
"""Classes written off over the network life rather than the hardware life."""


def hardware_cost_per_accelerator(
    accelerator_price_usd: np.ndarray | float,
    capex: CapexAssumptions,
    hardware_discount_frac: float = 0.0,
) -> dict[str, np.ndarray]:
    """What one deployed accelerator costs, by asset class [USD].

    accelerators = price · (1 - discount)
    servers      = accelerators · host_cost_frac          (CPUs, memory, chassis, NICs)
    network      = (accelerators + servers) · network_cost_frac
    storage      = (accelerators + servers) · storage_cost_frac
    installation = (all of the above) · installation_cost_frac

    The shares follow the usual build-up of an AI server bill of materials: the accelerators
    dominate, the host adds a share of them, and the scale-out network and storage are a
    share of server spend [8, A.2; 12]. Defaults and their derivation are in methodology.md.
    """
    accelerators = np.asarray(accelerator_price_usd, dtype=float) * (1.0 - hardware_discount_frac)
    servers = accelerators * capex.host_cost_frac
    server_spend = accelerators + servers
    network = server_spend * capex.network_cost_frac
    storage = server_spend * capex.storage_cost_frac
    installation = (server_spend + network + storage) * capex.installation_cost_frac
    return {
        "accelerators": accelerators,
        "servers": servers,
        "network": network,
        "storage": storage,
        "installation": installation,
    }


def facility_build_usd_per_kw(
    construction_usd_per_w: np.ndarray | float,
    cooling_premium_frac: float,
    rack_fitout_usd: float,
    rack_it_kw: float,
) -> np.ndarray:
    """Facility build cost per kW of IT capacity [USD/kW].

    build = construction [USD/W] · 1000 [W/kW] · (1 + cooling premium)
            + rack fit-out [USD/rack] / IT kW installed per rack [kW/rack]

    Construction per watt of IT capacity is the Turner & Townsend / Cushman & Wakefield
    measure [4, 5]; the cooling premium is the extra cost of a liquid-cooled hall [4]. Rack
    fit-out (rack, PDUs, containment, manifolds) is charged per kW of the IT actually placed
    in each rack, so denser racks need fewer fit-outs per kW.
    """
    building = (
        np.asarray(construction_usd_per_w, dtype=float) * W_PER_KW * (1.0 + cooling_premium_frac)
    )
    return building + rack_fitout_usd / rack_it_kw
