"""Currencies and price years: the index and the exchange rate, and a result in euros."""

import pytest
from pydantic import BaseModel

from tco.costs.currency import money_basis, price_level, price_levels, units_per_usd
from tco.data.presets import example_scenario
from tco.engine import run
from tco.models.errors import TcoError
from tco.models.money import CURRENCIES, FIRST_PRICE_YEAR, LAST_PRICE_YEAR

# BLS CPI-U annual averages and the Federal Reserve's 2024 euro rate, read off the cited
# tables (data/price_index.csv, data/fx_rates.csv), not from the code
CPI_2024, CPI_2026 = 313.689, 330.079
EUR_PER_USD_2024, EUR_PER_USD_2026 = 0.9242, 0.857


def test_every_price_year_a_scenario_can_choose_has_an_index_and_every_rate(catalogue):
    levels = price_levels(catalogue.price_index)
    for year in range(FIRST_PRICE_YEAR, LAST_PRICE_YEAR + 1):
        assert price_level(levels, year) > 0
        for currency in CURRENCIES:
            assert units_per_usd(catalogue.fx_rates, currency, year) > 0


def test_dollars_of_one_year_in_euros_of_another_by_hand(catalogue):
    basis = money_basis("EUR", 2026, catalogue.fx_rates, catalogue.price_index)
    # USD 1,000 of 2024 → 2026 dollars with CPI-U, then to euros at the 2026 average rate
    assert basis.from_usd(1000.0, 2024) == pytest.approx(
        1000 * CPI_2026 / CPI_2024 * EUR_PER_USD_2026
    )
    assert basis.from_usd(1000.0) == pytest.approx(1000 * EUR_PER_USD_2026)
    earlier = money_basis("EUR", 2024, catalogue.fx_rates, catalogue.price_index)
    assert earlier.from_usd(1000.0, 2024) == pytest.approx(1000 * EUR_PER_USD_2024)


def test_usd_to_eur_and_back_round_trips_within_rounding(catalogue):
    basis = money_basis("EUR", 2026, catalogue.fx_rates, catalogue.price_index)
    for amount in (0.0123, 1.0, 4.56e6, 7.89e11):
        assert basis.to_usd(basis.from_usd(amount)) == pytest.approx(amount, rel=1e-12)


def test_a_missing_year_or_rate_is_refused_in_one_line(catalogue):
    with pytest.raises(TcoError, match=r"no US consumer price index for 2031 .*2019-2026"):
        money_basis("USD", 2031, catalogue.fx_rates, catalogue.price_index)
    no_yen = [r for r in catalogue.fx_rates if r.currency != "JPY"]
    with pytest.raises(TcoError, match=r"^no JPY exchange rate for 2026 in fx_rates.csv"):
        money_basis("JPY", 2026, no_yen, catalogue.price_index)


def _money(model: BaseModel, prefix: str = "") -> dict[str, float]:
    """Every money figure of a result, by path: fields whose name carries a currency unit."""
    found: dict[str, float] = {}
    for name, value in model:
        path = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            found |= _money(value, path + ".")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    found |= _money(item, f"{path}.{i}.")
        elif "usd" in name and isinstance(value, dict):
            found |= {f"{path}.{k}": v for k, v in value.items()}
        elif "usd" in name and isinstance(value, float):
            found[path] = value
    return found


@pytest.mark.parametrize("deployment", ["enterprise-on-prem", "hybrid", "colocation"])
def test_a_eur_result_is_the_usd_result_at_the_exchange_rate(catalogue, deployment):
    """Every money figure of the whole result (totals, breakdown, months, workloads, the
    API line) converts; nothing physical moves."""
    dollars = example_scenario(deployment, catalogue=catalogue)
    euros = dollars.model_copy(
        update={"finance": dollars.finance.model_copy(update={"currency": "EUR"})}
    )
    in_usd, in_eur = run(dollars, catalogue), run(euros, catalogue)
    assert (in_usd.currency, in_eur.currency) == ("USD", "EUR")
    usd_figures, eur_figures = _money(in_usd), _money(in_eur)
    assert len(usd_figures) > 100
    assert usd_figures.keys() == eur_figures.keys()
    for path, amount in usd_figures.items():
        assert eur_figures[path] == pytest.approx(amount * EUR_PER_USD_2026, rel=1e-9), path
    assert in_eur.accelerators == in_usd.accelerators
    assert in_eur.energy_kwh == pytest.approx(in_usd.energy_kwh)
    assert in_eur.break_even_month == in_usd.break_even_month
