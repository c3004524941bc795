"""Server power, rack density and the IT energy of a pool."""

import numpy as np
import pytest

from tco.costs.power import (
    FLOOR_M2_PER_RACK,
    HOST_OVERHEAD_FACTOR,
    RackLayout,
    it_energy_kwh,
    rack_layout,
    server_power_kw,
)
from tco.models import Accelerator, Cooling


def test_published_system_power_scales_with_server_size():
    h100 = Accelerator.example()  # DGX H100: 10.2 kW for 8
    assert server_power_kw(h100, 8) == pytest.approx(10.2)
    assert server_power_kw(h100, 4) == pytest.approx(5.1)


def test_derived_server_power_without_published_system_power():
    card = Accelerator.example().model_copy(update={"system_power_kw": None, "tdp_w": 350.0})
    assert server_power_kw(card, 8) == pytest.approx(8 * 0.350 * HOST_OVERHEAD_FACTOR)
    no_power = card.model_copy(update={"tdp_w": None})
    assert server_power_kw(no_power, 8) is None


def test_rack_layout_by_hand():
    air = Cooling.example().model_copy(update={"max_rack_kw": 20.0, "name": "Air"})
    layout = rack_layout(10.2, 8, air, None)
    assert isinstance(layout, RackLayout)
    assert layout.servers_per_rack == 1  # 2 × 10.2 = 20.4 kW > 20 kW
    assert layout.accelerators_per_rack == 8
    assert layout.racks(72) == 9
    assert layout.racks(64) == 8
    assert layout.floor_area_m2(72) == pytest.approx(9 * FLOOR_M2_PER_RACK)
    planned = rack_layout(10.2, 8, Cooling.example(), 40.0)  # 132 kW cooling, 40 kW racks
    assert planned.servers_per_rack == 3


def test_a_server_larger_than_the_rack_is_refused_with_a_reason():
    air = Cooling.example().model_copy(update={"max_rack_kw": 20.0, "name": "Air"})
    reason = rack_layout(132.0, 72, air, None)
    assert reason == (
        "one 72-accelerator system needs 132 kW in a rack; Air removes at most 20 kW."
    )
    too_dense = rack_layout(10.2, 8, air, 40.0)
    assert isinstance(too_dense, str)
    assert "40 kW" in too_dense
    assert "at most 20 kW" in too_dense


def test_it_energy_between_idle_and_busy():
    # 10 accelerators of 1.25 kW, 4 fully busy at 80 % power, idle at 25 %, 100 h:
    # 1.25 × 100 × (0.25 × 10 + (0.8 − 0.25) × 4) = 125 × 4.7 = 587.5 kWh
    energy = it_energy_kwh(np.array(10.0), np.array((0.8 - 0.25) * 4), 1.25, 100.0, 0.25)
    assert float(energy) == pytest.approx(587.5)
