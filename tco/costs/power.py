"""Power and density: server power, servers per rack, racks, floor area, mean IT power."""

import math
from dataclasses import dataclass

import numpy as np

from tco.models import Accelerator, Cooling
from tco.models.units import W_PER_KW

HOST_OVERHEAD_FACTOR = 1.82
"""Server power over the sum of its accelerators' TDPs [ratio], for parts whose system power
is not published. Median of the DGX rows of the reference data [2]: A100 6.5/(8·0.4) = 2.03,
H100 10.2/(8·0.7) = 1.82, H200 10.2/(8·0.7) = 1.82, B200 14.3/(8·1.0) = 1.79."""

IDLE_POWER_FRAC = 0.25
"""Power of a server that holds its model but serves nothing, share of its maximum [0-1].
Derivation: an H100 PCIe measured idle at 80 W of its 350 W (23 %) [13]; hosts, fans and NICs
idle at a similar share; we round to 25 % (assumption; tornado 15-35 %)."""

FLOOR_M2_PER_RACK = 2.5
"""White space per rack including hot and cold aisles [m²]: 25-30 ft² per rack, midpoint
27.5 ft² = 2.55 m², rounded [14]. Plant rooms (electrical, chillers) are not included."""


@dataclass(frozen=True)
class RackLayout:
    """How the chosen servers fill racks under a cooling technology."""

    server_kw: float
    server_accelerators: int
    rack_kw: float
    servers_per_rack: int

    @property
    def accelerators_per_rack(self) -> int:
        return self.servers_per_rack * self.server_accelerators

    @property
    def rack_it_kw(self) -> float:
        """IT power actually placed in a full rack [kW]."""
        return self.servers_per_rack * self.server_kw

    def racks(self, accelerators: float) -> int:
        """Whole racks for a number of accelerators [count]."""
        return math.ceil(accelerators / self.accelerators_per_rack - 1e-9)

    def floor_area_m2(self, accelerators: float) -> float:
        """White space for those racks [m²]."""
        return self.racks(accelerators) * FLOOR_M2_PER_RACK


def server_power_kw(accelerator: Accelerator, server_accelerators: int) -> float | None:
    """Maximum power of one server holding ``server_accelerators`` parts [kW].

    The published system power (e.g. DGX H100 10.2 kW for 8 GPUs [2]) scaled to the server
    size; else accelerators × TDP × HOST_OVERHEAD_FACTOR; None when neither is published.
    """
    if accelerator.system_power_kw:
        return accelerator.system_power_kw * server_accelerators / accelerator.system_accelerators
    if accelerator.tdp_w:
        return server_accelerators * accelerator.tdp_w * HOST_OVERHEAD_FACTOR / W_PER_KW
    return None


def rack_layout(
    server_kw: float, server_accelerators: int, cooling: Cooling, rack_power_kw: float | None
) -> RackLayout | str:
    """Servers per rack under the cooling's limit, or a sentence saying why none fits.

    servers per rack = floor(rack kW / server kW), where rack kW is the planned rack power,
    capped by the most the cooling removes per rack [3]. A server that needs more than that
    cannot be installed: the reason names the limit (tco.engine.prepare adds the fix).
    """
    limit_kw = cooling.max_rack_kw
    if rack_power_kw is not None and rack_power_kw > limit_kw * (1 + 1e-9):
        return (
            f"the planned {rack_power_kw:.3g} kW per rack is more than {cooling.name} removes "
            f"(at most {limit_kw:.3g} kW)."
        )
    rack_kw = rack_power_kw if rack_power_kw is not None else limit_kw
    if server_kw > rack_kw * (1 + 1e-9):
        return (
            f"one {server_accelerators}-accelerator system needs {server_kw:.3g} kW in a rack; "
            f"{'the planned rack' if rack_power_kw is not None else cooling.name} "
            f"{'takes' if rack_power_kw is not None else 'removes'} at most {rack_kw:.3g} kW."
        )
    return RackLayout(
        server_kw=server_kw,
        server_accelerators=server_accelerators,
        rack_kw=rack_kw,
        servers_per_rack=math.floor(rack_kw / server_kw + 1e-9),
    )


def it_energy_kwh(
    accelerators: np.ndarray,
    weighted_busy_accelerators: np.ndarray,
    accelerator_kw: float,
    hours: float,
    idle_power_frac: float = IDLE_POWER_FRAC,
) -> np.ndarray:
    """IT energy of a pool of accelerators over a period [kWh].

    energy = kW per accelerator × hours × (idle · N + Σ_w (busy_w − idle) · B_w)

    N: accelerators in service [count]; B_w: the fully busy equivalent serving workload w
    (its tokens over what one accelerator serves in the period at its operating point);
    busy_w: server power at w's operating point as a share of its maximum (the
    accelerator's mean power at the point over its TDP [6]); idle: the share when it serves
    nothing. Power is linear in load between the two, the standard server power model [15].
    ``weighted_busy_accelerators`` is Σ_w (busy_w − idle) · B_w.

    accelerator_kw: server power at maximum per accelerator [kW]; hours [h].
    """
    return accelerator_kw * hours * (idle_power_frac * accelerators + weighted_busy_accelerators)
