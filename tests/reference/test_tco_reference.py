"""Published figures the cost model must reproduce.

Sources (the rows are copied in /work/shared/reference/facility.csv and data/*.csv):
[R1] NVIDIA DGX H100 / H200 / B200 / A100 datasheets: maximum system power 10.2 / 10.2 /
     14.3 / 6.5 kW for 8 GPUs (facility.csv, rack_power rows).
[R2] HPE GB200 NVL72 QuickSpecs: 115 kW liquid + 17 kW air = 132 kW per rack
     (facility.csv, rack_power row "GB200 NVL72 rack").
[R3] Cushman & Wakefield, Asia Pacific Data Centre Construction Cost Guide 2025, p. 5:
     "20 MW IT at PUE 1.5 and the Nov 2024 APAC average tariff of USD 0.115/kWh ≈
     USD 30.2 M a year" (facility.csv, electricity row "APAC average").
[R4] "Appendix A · What Ownership Costs Over Three Years" (stored file id 70906931578),
     tables A.2 and A.3: power 10.8 kW average IT load at PUE 1.6 for three years = 453,277
     kWh at USD 0.0707/kWh ≈ USD 32,000; support 8-12 % of hardware a year = USD
     137,000-242,000; AWS p5en.48xlarge (8 × H200) on demand at USD 63.296/h = USD 1.92 M
     and on a 3-year savings plan at USD 27.34/h = USD 0.97 M, each with the USD 252,000
     edge allowance; owned total USD 741,000-946,000, typical 841,000.
"""

import numpy as np
import pytest

from tco.costs.cloud import rental_usd
from tco.costs.energy import energy_cost_usd, facility_energy_kwh
from tco.costs.opex import maintenance_usd
from tco.costs.power import rack_layout, server_power_kw
from tco.data.presets import example_scenario
from tco.engine import run
from tco.models import Overrides
from tco.models.units import HOURS_PER_YEAR

THREE_YEARS_H = 3 * HOURS_PER_YEAR  # 26,280 h, as the appendix counts them


@pytest.mark.parametrize(
    ("cooling_id", "servers_per_rack"),
    [("air", 1), ("rear-door", 7), ("direct-to-chip", 14), ("immersion-1p", 19)],
)
def test_dgx_h100_servers_per_rack_under_each_cooling_limit(
    catalogue, cooling_id, servers_per_rack
):
    """[R1] 10.2 kW per DGX H100 against each cooling's rack limit (cooling.csv):
    floor(20/10.2) = 1, floor(80/10.2) = 7, floor(150/10.2) = 14, floor(200/10.2) = 19."""
    h100 = catalogue.accelerators["nvidia-h100-sxm"]
    server_kw = server_power_kw(h100, 8)
    assert server_kw == pytest.approx(10.2)
    layout = rack_layout(server_kw, 8, catalogue.cooling[cooling_id], None)
    assert layout.servers_per_rack == servers_per_rack


@pytest.mark.parametrize(
    ("accelerator_id", "published_kw"),
    [("nvidia-a100-sxm-80gb", 6.5), ("nvidia-h100-sxm", 10.2), ("nvidia-h200-sxm", 10.2),
     ("nvidia-b200", 14.3)],
)  # fmt: skip
def test_host_overhead_derivation_recovers_the_dgx_system_powers(
    catalogue, accelerator_id, published_kw
):
    """[R1] For parts without a published system power we use 8 × TDP × 1.82; on the DGX
    rows that estimate stays within 15 % of the datasheet figure."""
    part = catalogue.accelerators[accelerator_id].model_copy(update={"system_power_kw": None})
    assert server_power_kw(part, 8) == pytest.approx(published_kw, rel=0.15)


@pytest.mark.parametrize(
    ("cooling_id", "feasible"),
    [("air", False), ("rear-door", False), ("direct-to-chip", True), ("immersion-1p", True)],
)
def test_gb200_nvl72_needs_liquid_cooling(catalogue, cooling_id, feasible):
    """[R2] A 132 kW NVL72 rack cannot be air cooled (20 kW) nor rear-door cooled (80 kW)."""
    scenario = example_scenario("hyperscale-owned", "nvidia-gb200", ["chat"], catalogue)
    scenario = scenario.model_copy(
        update={"cooling_id": cooling_id, "overrides": Overrides(accelerator_price_usd=45_000)}
    )
    result = run(scenario, catalogue)
    assert result.feasible is feasible, result.infeasible_reason
    if not feasible:
        reason = result.infeasible_reason
        assert "needs 132 kW" in reason
        assert "Choose" in reason
        assert "Direct-to-chip" in reason


def test_cushman_wakefield_apac_energy_bill():
    """[R3] 20 MW × 1.5 × 8,760 h × USD 0.115/kWh ≈ USD 30.2 M per year."""
    it_kwh = np.array(20_000.0 * HOURS_PER_YEAR)
    bill = energy_cost_usd(facility_energy_kwh(it_kwh, 1.5), 0.115)
    assert float(bill) == pytest.approx(30.2e6, rel=0.005)


def test_ownership_appendix_power_line():
    """[R4] (7 kW server + 63 × 60 W edge nodes) × PUE 1.6 × 26,280 h = 453,277 kWh;
    × USD 0.0707/kWh ≈ USD 32,000."""
    it_kwh = np.array((7.0 + 63 * 0.060) * THREE_YEARS_H)
    facility = facility_energy_kwh(it_kwh, 1.6)
    assert float(facility) == pytest.approx(453_277, abs=1)
    assert float(energy_cost_usd(facility, 0.0707)) == pytest.approx(32_000, rel=0.01)


@pytest.mark.parametrize(
    ("server_usd", "rate", "published"), [(320_000, 0.08, 137_000), (420_000, 0.12, 242_000)]
)
def test_ownership_appendix_support_line(server_usd, rate, published):
    """[R4] Support at 8 % (low) and 12 % (high) a year of the hardware value (server plus
    the USD 252,000 edge allowance) for 36 months."""
    monthly = maintenance_usd(np.full(36, server_usd + 252_000.0), rate)
    assert float(monthly.sum()) == pytest.approx(published, rel=0.005)


@pytest.mark.parametrize(("usd_per_hour", "published"), [(63.296, 1.92e6), (27.34, 0.97e6)])
def test_ownership_appendix_rental_lines(usd_per_hour, published):
    """[R4] Eight H200 rented around the clock for three years, plus the edge allowance."""
    rent = rental_usd(np.array(8 * THREE_YEARS_H), usd_per_hour / 8, 1.0, 1.0)
    assert float(rent) + 252_000 == pytest.approx(published, rel=0.005)


def test_ownership_appendix_typical_total():
    """[R4] Typical owned total: server 370,000 + edge 252,000 + support at 10 % a year of
    622,000 for three years + power 32,000 ≈ USD 841,000."""
    hardware = 370_000 + 252_000
    support = float(maintenance_usd(np.full(36, float(hardware)), 0.10).sum())
    power = float(
        energy_cost_usd(facility_energy_kwh(np.array(10.78 * THREE_YEARS_H), 1.6), 0.0707)
    )
    assert hardware + support + power == pytest.approx(841_000, rel=0.002)


def test_three_year_reservation_share_matches_the_savings_plan(catalogue):
    """[R4] 27.34 / 63.296 = 0.432: AWS p5en.48xlarge's 3-year rate in the cloud price
    table, as a share of its on-demand rate."""
    p5en = {
        p.commitment: p.price_per_hour
        for p in catalogue.cloud_prices
        if (p.provider, p.region, p.instance_type) == ("aws", "us-east-1", "p5en.48xlarge")
    }
    assert p5en["reserved_3y"] / p5en["on_demand"] == pytest.approx(27.34 / 63.296, abs=0.005)
