"""Money of one year and currency in another's: the price index and the exchange rate.

The catalogue stores money in US dollars of each row's ``currency_year``. A scenario asks
for a currency and a price year (``finance.currency`` and ``finance.currency_year``); before
the engine runs, every money input is brought to that basis in one explicit step
(tco/engine/resolve.py, docs/methodology.md §2):

    amount [currency of year T] = amount [USD of year Y] × CPI(T) / CPI(Y) × FX(T)

- CPI is the US CPI-U, all items, annual average (BLS series CUUR0000SA0 [25]): the price
  level of the numeraire in which every figure is stored, so inflation is applied once, in
  US dollars, before the exchange.
- FX(T) is the currency's units per US dollar averaged over year T (Federal Reserve H.10/G.5
  [26]; for the current year the average of the months published so far).

Figures a user enters (overrides, running costs) are in US dollars of the price year T, so
they take only the exchange rate.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tco.models.errors import TcoError
from tco.models.money import NUMERAIRE, Currency, FxRate, PriceIndexPoint

PRICE_INDEX_ID = "us-cpi-u"
"""The index that moves US dollars between years."""

YEARLY_FX_KINDS = ("annual_average", "year_to_date_average")


def price_levels(index: list[PriceIndexPoint]) -> dict[int, float]:
    """Year → US CPI-U annual average [index points]."""
    return {p.period: p.value for p in index if p.index_id == PRICE_INDEX_ID and p.value}


def price_level(levels: Mapping[int, float], year: int) -> float:
    """The index level of a year [index points]; a one-line error names the years the table
    covers when it lacks this one."""
    if year not in levels:
        covered = f"{min(levels)}-{max(levels)}" if levels else "none"
        raise TcoError(
            f"no US consumer price index for {year} in price_index.csv (years covered: "
            f"{covered}); choose a price year in that range"
        )
    return levels[year]


def units_per_usd(fx_rates: list[FxRate], currency: Currency, year: int) -> float:
    """Units of ``currency`` one US dollar bought on average in ``year`` [currency/USD]."""
    if currency == NUMERAIRE:
        return 1.0
    for rate in fx_rates:
        if (
            rate.currency == currency
            and rate.period == str(year)
            and rate.period_kind in YEARLY_FX_KINDS
        ):
            return rate.units_per_usd
    years = sorted(r.period for r in fx_rates if r.currency == currency and len(r.period) == 4)
    covered = f"{years[0]}-{years[-1]}" if years else "none"
    raise TcoError(
        f"no {currency} exchange rate for {year} in fx_rates.csv (years covered: {covered}); "
        "choose another price year or currency"
    )


@dataclass(frozen=True)
class MoneyBasis:
    """The currency and price year a scenario's money is computed in."""

    currency: Currency
    year: int
    units_per_usd: float
    """FX(T): units of the currency per US dollar in the price year [currency/USD]."""
    levels: Mapping[int, float]
    """Year → US CPI-U annual average [index points]."""
    rates: Sequence[FxRate] = ()
    """The exchange-rate table, for figures stored in another currency than US dollars."""

    def from_usd(self, amount_usd: float, currency_year: int | None = None) -> float:
        """An amount in US dollars of ``currency_year`` (default: the price year) in this
        basis [currency of the price year]."""
        inflation = 1.0
        if currency_year is not None and currency_year != self.year:
            inflation = price_level(self.levels, self.year) / price_level(
                self.levels, currency_year
            )
        return amount_usd * inflation * self.units_per_usd

    def from_money(self, amount: float, currency: Currency, currency_year: int) -> float:
        """An amount in ``currency`` of ``currency_year`` in this basis: to US dollars at that
        year's rate, then as `from_usd` [currency of the price year]."""
        in_usd = amount / units_per_usd(list(self.rates), currency, currency_year)
        return self.from_usd(in_usd, currency_year)

    def to_usd(self, amount: float) -> float:
        """An amount in this basis back in US dollars of the price year [USD]."""
        return amount / self.units_per_usd


def money_basis(
    currency: Currency,
    year: int,
    fx_rates: list[FxRate],
    index: list[PriceIndexPoint],
) -> MoneyBasis:
    """The basis for a currency and price year; a one-line error if the tables lack either."""
    levels = price_levels(index)
    price_level(levels, year)  # refuse a price year the index does not cover
    return MoneyBasis(currency, year, units_per_usd(fx_rates, currency, year), levels, fx_rates)
