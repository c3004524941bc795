"""Currencies and price years: the codes a scenario can report in, the dated exchange rates
and the price index that convert the catalogue's US dollars.

Every catalogue figure and every figure a user enters is stored in one numeraire, US
dollars; the scenario chooses the currency and price year of its results
(``finance.currency``, ``finance.currency_year``). Resolving a scenario converts every money
input once to that basis (tco/costs/currency.py, docs/methodology.md §2), so the engine's
arithmetic, and everything built on it, is in the scenario's currency.
"""

from typing import Literal, get_args

from pydantic import Field

from tco.models.base import LongText, ShortText, Slug, Sourced

Currency = Literal["USD", "EUR", "GBP", "JPY", "CNY", "CHF", "SEK", "SGD", "INR"]
"""ISO 4217 codes of the currencies a result can be shown in."""

CURRENCIES: tuple[Currency, ...] = get_args(Currency)
NUMERAIRE: Currency = "USD"
"""The currency every catalogue figure is stored in."""

FIRST_PRICE_YEAR = 2020
LAST_PRICE_YEAR = 2026
"""The price years a scenario can choose: those data/fx_rates.csv and data/price_index.csv
cover for every currency (tests/test_catalogue.py checks)."""


Confidence = Literal["high", "medium", "low"]


class FxRate(Sourced):
    """An exchange rate: units of a currency one US dollar buys, over a dated period."""

    currency: Currency = Field(description="ISO 4217 code.")
    units_per_usd: float = Field(
        gt=0, le=1e6, description="Units of the currency per US dollar [currency/USD]."
    )
    period: ShortText = Field(
        pattern=r"^(any|\d{4}(-\d{2})?)$",
        description="Year (YYYY) or month (YYYY-MM) the rate averages; 'any' for the numeraire.",
    )
    period_kind: Literal[
        "annual_average", "year_to_date_average", "monthly_average", "numeraire"
    ] = Field(description="How the rate was averaged over its period.")
    confidence: Confidence = "medium"
    notes: LongText = ""

    @classmethod
    def example(cls) -> "FxRate":
        return cls(
            currency="EUR",
            units_per_usd=0.9242,
            period="2024",
            period_kind="annual_average",
            source="Federal Reserve Board H.10/G.5 via FRED (AEXUSEU)",
            as_of="2024",
        )


class PriceIndexPoint(Sourced):
    """One year of a consumer price index, to bring money of one year to another's prices."""

    index_id: Slug = Field(description="Index, e.g. us-cpi-u (BLS CPI-U, all items).")
    name: ShortText = Field(min_length=1, description="Index as its publisher names it.")
    region: ShortText = Field(min_length=1, description="Where the index measures prices.")
    period: int = Field(ge=1900, le=2100, description="Year the annual average describes.")
    value: float | None = Field(
        default=None, gt=0, le=1e6, description="Annual average level [index points]."
    )
    base: ShortText = Field(default="", description="Base period of the level, e.g. 1982-84=100.")
    annual_change_pct: float | None = Field(
        default=None, ge=-50, le=1000, description="Change over the previous year [%]."
    )
    confidence: Confidence = "medium"
    notes: LongText = ""

    @classmethod
    def example(cls) -> "PriceIndexPoint":
        return cls(
            index_id="us-cpi-u",
            name="US CPI-U, all items",
            region="US",
            period=2024,
            value=313.689,
            base="1982-84=100",
            source="US Bureau of Labor Statistics, CPI-U (CUUR0000SA0)",
            as_of="2024-12",
        )
