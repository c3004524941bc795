"""The market line: what serverless APIs charge for the same models, and how fast it falls.

data/api_prices.csv is a dated history of providers' list prices per model class (from
price files kept since 2023 and today's listings). Two figures come out of it
(docs/methodology.md §8):

- the **level**: per model, the median over its providers of each provider's latest price,
  counting providers seen within a year of the model's newest price [17];
- the **decline**: per model class, a log-linear fit of price against time, in constant
  money (each price deflated with CPI-U to one year), with one slope for input and output
  prices and an intercept each. A class without a year of history takes the median decline
  of the open-model classes that have one.

The line starts at the level in month 1 and falls by the decline, or stays flat when the
scenario pins it (``trends.api_price_decline_frac_per_year = 0``).
"""

import math
from dataclasses import dataclass
from statistics import median

import numpy as np

from tco.costs.currency import MoneyBasis, price_level, price_levels
from tco.data.freshness import as_of_mid
from tco.models import ApiPrice, Workload
from tco.models.money import PriceIndexPoint
from tco.models.units import MONTHS_PER_YEAR

RECENT_DAYS = 366
"""A provider's latest price counts towards a model's level if it is at most this many days
older than the newest price of that model [days]."""
MIN_FIT_SPAN_YEARS = 1.0
"""A class's prices must span at least this long for its own decline to be fitted [years]."""


@dataclass(frozen=True)
class ApiLine:
    """The serverless API price of a scenario's mix, month by month."""

    monthly: np.ndarray
    """Blended price of the mix each month [currency per 1M tokens]."""
    decline_frac_per_year: float
    """The mix's yearly decline, share-weighted over its workloads [0-1/yr]."""


def level(prices: list[ApiPrice], model_id: str, money: MoneyBasis) -> tuple[float, float] | None:
    """(input, output) median over the model's providers of their latest prices [currency of
    the price year per 1M tokens], or None if the model has no price."""
    latest: dict[tuple[str, str], ApiPrice] = {}
    for p in prices:
        if p.model_id != model_id:
            continue
        key = (p.provider, p.provider_model_id)
        if key not in latest or as_of_mid(p.as_of) > as_of_mid(latest[key].as_of):
            latest[key] = p
    if not latest:
        return None
    newest = max(as_of_mid(p.as_of) for p in latest.values())
    recent = [p for p in latest.values() if (newest - as_of_mid(p.as_of)).days <= RECENT_DAYS]
    return (
        median(money.from_usd(p.input_usd_per_million_tokens, p.currency_year) for p in recent),
        median(money.from_usd(p.output_usd_per_million_tokens, p.currency_year) for p in recent),
    )


def _year(as_of: str) -> float:
    day = as_of_mid(as_of)
    return day.year + (day.timetuple().tm_yday - 0.5) / 365.25


def fitted_declines(prices: list[ApiPrice], index: list[PriceIndexPoint]) -> dict[str, float]:
    """Model class → fitted yearly price decline [0-1/yr] (classes with a year of history).

    ln(price in constant money) = a_input or a_output + b × year, least squares over every
    positive input and output price of the class; decline = 1 − e^b.
    """
    levels = price_levels(index)
    base = max(levels)
    by_class: dict[str, list[ApiPrice]] = {}
    for p in prices:
        by_class.setdefault(p.model_class, []).append(p)
    declines = {}
    for model_class, rows in by_class.items():
        years, logs, is_output = [], [], []
        for p in rows:
            deflator = price_level(levels, base) / price_level(levels, p.currency_year)
            for output, amount in (
                (0.0, p.input_usd_per_million_tokens),
                (1.0, p.output_usd_per_million_tokens),
            ):
                if amount > 0:
                    years.append(_year(p.as_of))
                    logs.append(math.log(amount * deflator))
                    is_output.append(output)
        if not years or max(years) - min(years) < MIN_FIT_SPAN_YEARS:
            continue
        design = np.column_stack([years, 1.0 - np.array(is_output), np.array(is_output)])
        slope = float(np.linalg.lstsq(design, np.array(logs), rcond=None)[0][0])
        declines[model_class] = 1.0 - math.exp(slope)
    return declines


def class_decline(declines: dict[str, float], model_class: str) -> float:
    """A class's fitted decline, else the median of the open-model classes' [0-1/yr]."""
    if model_class in declines:
        return declines[model_class]
    open_classes = [d for c, d in declines.items() if c.startswith("open-")]
    return median(open_classes) if open_classes else 0.0


_DECLINES: dict[int, tuple[list[ApiPrice], dict[str, float]]] = {}


def _declines(prices: list[ApiPrice], index: list[PriceIndexPoint]) -> dict[str, float]:
    """`fitted_declines`, once per price list (the catalogue's lives as long as the process)."""
    cached = _DECLINES.get(id(prices))
    if cached is None or cached[0] is not prices:
        if len(_DECLINES) > 16:
            _DECLINES.clear()
        cached = (prices, fitted_declines(prices, index))
        _DECLINES[id(prices)] = cached
    return cached[1]


def api_line(
    workloads: list[Workload],
    prices: list[ApiPrice],
    index: list[PriceIndexPoint],
    money: MoneyBasis,
    months: int,
    decline_frac_per_year: float | None = None,
) -> ApiLine | None:
    """The mix's API price each month [currency per 1M tokens], or None when a model of the
    mix has no price.

    Per workload: its model's level, blended by the workload's input and output tokens, times
    (1 − decline) ^ (m / 12) with the decline of its model's class (or the scenario's own
    ``decline_frac_per_year``: 0 pins the line flat); then weighted by the workloads' shares.
    """
    declines = _declines(prices, index)
    classes = {p.model_id: p.model_class for p in prices if p.model_id is not None}
    elapsed = np.arange(months) / MONTHS_PER_YEAR
    monthly = np.zeros(months)
    mix_decline = 0.0
    for workload in workloads:
        found = level(prices, workload.model_id, money)
        if found is None:
            return None
        price_in, price_out = found
        tokens = workload.input_tokens + workload.output_tokens
        blended = (workload.input_tokens * price_in + workload.output_tokens * price_out) / tokens
        decline = (
            class_decline(declines, classes[workload.model_id])
            if decline_frac_per_year is None
            else decline_frac_per_year
        )
        monthly += workload.share_frac * blended * (1.0 - decline) ** elapsed
        mix_decline += workload.share_frac * decline
    return ApiLine(monthly, mix_decline)
