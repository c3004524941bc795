"""The market line: what serverless APIs charge for the same models."""

from statistics import median

from tco.costs.currency import MoneyBasis
from tco.models import ApiPrice, Workload

_MEDIANS: dict[tuple[int, str, int], tuple[list[ApiPrice], dict[str, tuple[float, float]]]] = {}


def median_prices(prices: list[ApiPrice], money: MoneyBasis) -> dict[str, tuple[float, float]]:
    """Model id → (median input, median output) price over its providers [currency of the
    price year per 1M tokens]; each row is brought to the basis from its own currency year.

    Computed once per price list and basis (the catalogue's list lives as long as the process).
    """
    key = (id(prices), money.currency, money.year)
    cached = _MEDIANS.get(key)
    if cached is not None and cached[0] is prices:
        return cached[1]
    by_model: dict[str, list[tuple[float, float]]] = {}
    for p in prices:
        by_model.setdefault(p.model_id, []).append(
            (
                money.from_usd(p.input_usd_per_million_tokens, p.currency_year),
                money.from_usd(p.output_usd_per_million_tokens, p.currency_year),
            )
        )
    medians = {
        model_id: (median(i for i, _ in rows), median(o for _, o in rows))
        for model_id, rows in by_model.items()
    }
    if len(_MEDIANS) > 16:
        _MEDIANS.clear()
    _MEDIANS[key] = (prices, medians)
    return medians


def api_usd_per_million_tokens(
    workloads: list[Workload], prices: list[ApiPrice], money: MoneyBasis
) -> float | None:
    """Median provider price of the mix's models, blended like the mix [currency per 1M
    tokens].

    For each workload: the median input and the median output price over the providers of
    its model [17], weighted by the workload's input and output tokens; then weighted by
    the workloads' shares of tokens. None when any model of the mix has no price.
    """
    medians = median_prices(prices, money)
    total = 0.0
    for workload in workloads:
        if workload.model_id not in medians:
            return None
        price_in, price_out = medians[workload.model_id]
        tokens = workload.input_tokens + workload.output_tokens
        blended = (workload.input_tokens * price_in + workload.output_tokens * price_out) / tokens
        total += workload.share_frac * blended
    return total
