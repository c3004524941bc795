"""The worked example of docs/methodology.md §6, line by line, through the cost functions.

The expected figures are the document's hand arithmetic (rounded to the dollar there), so
a change in a formula that would make the document wrong fails here.
"""

import numpy as np
import pytest

from tco.costs.capex import facility_build_usd_per_kw, hardware_cost_per_accelerator
from tco.costs.energy import energy_cost_usd, facility_energy_kwh
from tco.costs.financing import capital_charge_factor
from tco.costs.opex import maintenance_usd, per_accelerator_usd
from tco.costs.power import it_energy_kwh
from tco.models import CapexAssumptions
from tco.models.units import HOURS_PER_MONTH

GPUS = 8


@pytest.fixture(scope="module")
def lines() -> dict[str, float]:
    parts = hardware_cost_per_accelerator(30_000.0, CapexAssumptions(), 0.0)
    per_server = {k: float(v) * GPUS for k, v in parts.items()}
    with_residual = per_server["accelerators"] + per_server["servers"]
    without = per_server["network"] + per_server["storage"] + per_server["installation"]
    kw_per_gpu = 10.2 / GPUS
    it = it_energy_kwh(np.array(GPUS), np.array((0.7 - 0.25) * GPUS), kw_per_gpu, HOURS_PER_MONTH)
    return {
        "hardware": sum(per_server.values()),
        "chips_host": with_residual * float(capital_charge_factor(0.08, 60, 0.10)),
        "network_storage_installation": without * float(capital_charge_factor(0.08, 60, 0.0)),
        "facility": 10.2
        * float(facility_build_usd_per_kw(11.7, 0.0, 15_000.0, 10.2))
        * float(capital_charge_factor(0.08, 180, 0.0)),
        "energy": float(energy_cost_usd(facility_energy_kwh(it, 1.55), 0.0892)),
        "maintenance": float(maintenance_usd(np.array(sum(per_server.values())), 0.08)),
        "software": float(per_accelerator_usd(np.array(GPUS), 4500.0)),
        "staff": float(per_accelerator_usd(np.array(GPUS), 800.0)),
    }


@pytest.mark.parametrize(
    ("line", "document"),
    [
        ("hardware", 365_976),
        ("chips_host", 5_857),
        ("network_storage_installation", 1_087),
        ("facility", 1_262),
        ("energy", 721),
        ("maintenance", 2_440),
        ("software", 3_000),
        ("staff", 533),
    ],
)
def test_each_line(lines, line, document):
    assert lines[line] == pytest.approx(document, abs=1.0)


def test_total_and_per_accelerator_hour(lines):
    monthly = sum(v for k, v in lines.items() if k != "hardware")
    assert monthly == pytest.approx(14_900, abs=2)
    per_hour = monthly / (GPUS * HOURS_PER_MONTH)
    assert per_hour == pytest.approx(2.55, abs=0.005)
    tokens_per_hour = 3000 * 3600 * 0.4
    assert per_hour / tokens_per_hour * 1e6 == pytest.approx(0.59, abs=0.005)
