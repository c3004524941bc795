"""Capex shares, energy, running costs, rental and the API price line."""

import numpy as np
import pytest

from tco.costs.capex import facility_build_usd_per_kw, hardware_cost_per_accelerator
from tco.costs.cloud import rental_usd
from tco.costs.currency import MoneyBasis
from tco.costs.energy import co2e_kg, energy_cost_usd, facility_energy_kwh, water_l
from tco.costs.market import api_line, class_decline, fitted_declines
from tco.costs.opex import maintenance_usd, per_accelerator_usd
from tco.costs.trends import yearly_factor
from tco.models import ApiPrice, CapexAssumptions, Workload
from tco.models.money import PriceIndexPoint


def test_hardware_build_up_by_hand():
    capex = CapexAssumptions(
        host_cost_frac=0.30, network_cost_frac=0.12, storage_cost_frac=0.03,
        installation_cost_frac=0.02,
    )  # fmt: skip
    parts = hardware_cost_per_accelerator(10_000.0, capex, hardware_discount_frac=0.1)
    # 9,000 chip; 2,700 host; network 12 % and storage 3 % of 11,700; 2 % of 13,455 installed
    expected = {
        "accelerators": 9000.0, "servers": 2700.0, "network": 1404.0, "storage": 351.0,
        "installation": 269.1,
    }  # fmt: skip
    assert {k: float(v) for k, v in parts.items()} == pytest.approx(expected)


def test_facility_build_per_kw_by_hand():
    # USD 10/W with an 8.5 % liquid premium, plus a 60,000 rack fit-out over 120 kW per rack
    per_kw = facility_build_usd_per_kw(10.0, 0.085, 60_000.0, 120.0)
    assert float(per_kw) == pytest.approx(10_850.0 + 500.0)


def test_energy_carbon_water_by_hand():
    facility = facility_energy_kwh(np.array(1000.0), 1.5)
    assert float(facility) == pytest.approx(1500.0)
    assert float(energy_cost_usd(facility, 0.1)) == pytest.approx(150.0)
    assert float(co2e_kg(facility, 400.0)) == pytest.approx(600.0)
    assert float(water_l(np.array(1000.0), 1.8)) == pytest.approx(1800.0)


def test_running_costs_by_hand():
    assert float(maintenance_usd(np.array(1_200_000.0), 0.05)) == pytest.approx(5000.0)
    assert float(per_accelerator_usd(np.array(24.0), 4500.0)) == pytest.approx(9000.0)


def test_rental_by_hand():
    # 100 accelerator-hours at USD 4/h on a 3-year plan (0.43) after one year of 15 % decline
    decline = yearly_factor(-0.15, np.array(12))
    assert float(rental_usd(np.array(100.0), 4.0, 0.43, decline)) == pytest.approx(
        100 * 4 * 0.43 * 0.85
    )


def test_yearly_factor_compounds_monthly():
    factors = yearly_factor(0.21, np.array([0, 12, 24, 6]))
    np.testing.assert_allclose(factors, [1.0, 1.21, 1.21**2, 1.1])


def _price(model_id: str, provider: str, inp: float, out: float, as_of="2025-09-01") -> ApiPrice:
    return ApiPrice.example().model_copy(
        update={"model_id": model_id, "provider": provider, "as_of": as_of,
                "input_usd_per_million_tokens": inp, "output_usd_per_million_tokens": out}
    )  # fmt: skip


DOLLARS = MoneyBasis("USD", 2025, 1.0, {2025: 321.943})  # the prices' own year
INDEX = [PriceIndexPoint.example().model_copy(update={"period": 2025, "value": 321.943})]


def test_api_price_line_blends_medians_by_tokens_and_shares():
    prices = [
        _price("a", "p1", 1.0, 2.0), _price("a", "p2", 3.0, 4.0), _price("a", "p3", 5.0, 10.0),
        _price("b", "p1", 0.5, 0.5),
        _price("a", "p1", 9.0, 9.0, as_of="2025-01-01"),  # p1's older price: not its latest
        _price("a", "gone", 9.0, 9.0, as_of="2024-06-01"),  # more than a year before the rest
    ]  # fmt: skip
    chat = Workload.example().model_copy(
        update={"model_id": "a", "input_tokens": 300, "output_tokens": 100, "share_frac": 0.5}
    )
    other = chat.model_copy(update={"id": "b", "model_id": "b"})
    # a: medians 3 in / 4 out → (300·3 + 100·4)/400 = 3.25; b: 0.5; blended 0.5·3.25 + 0.5·0.5
    flat = api_line([chat, other], prices, INDEX, DOLLARS, 24, decline_frac_per_year=0.0)
    np.testing.assert_allclose(flat.monthly, 1.875)
    falling = api_line([chat, other], prices, INDEX, DOLLARS, 25, decline_frac_per_year=0.5)
    assert falling.monthly[0] == pytest.approx(1.875)
    assert falling.monthly[12] == pytest.approx(1.875 * 0.5)
    assert falling.monthly[24] == pytest.approx(1.875 * 0.25)
    missing = chat.model_copy(update={"model_id": "c"})
    assert api_line([missing], prices, INDEX, DOLLARS, 12) is None


def test_a_class_decline_is_fitted_to_its_dated_prices():
    """Prices halving every year, input and output alike, fit a 50 % yearly decline."""
    halving = [
        _price("a", "p", 8.0 * 0.5**k, 16.0 * 0.5**k, as_of=f"{2023 + k}-07-02") for k in range(3)
    ]
    assert fitted_declines(halving, _index(2023, 2024, 2025)) == pytest.approx(
        {"open-dense-70b": 0.5}, abs=1e-3
    )
    short = [*halving[:1], halving[0].model_copy(update={"as_of": "2023-12-01"})]
    assert fitted_declines(short, _index(2023, 2024, 2025)) == {}  # under a year: not fitted
    assert class_decline(
        {"open-a": 0.2, "open-b": 0.4, "closed-x": 0.9}, "open-c"
    ) == pytest.approx(0.3)


def _index(*years: int) -> list[PriceIndexPoint]:
    """A flat price index (no inflation), so the fit sees the prices as they are."""
    return [
        PriceIndexPoint.example().model_copy(update={"period": y, "value": 100.0}) for y in years
    ]
