"""The market line: what serverless APIs charge for the same models."""

from statistics import median

from tco.models import ApiPrice, Workload

_MEDIANS: dict[int, tuple[list[ApiPrice], dict[str, tuple[float, float]]]] = {}


def median_prices(prices: list[ApiPrice]) -> dict[str, tuple[float, float]]:
    """Model id → (median input, median output) price over its providers [USD per 1M tokens].

    Computed once per price list (the catalogue's list lives as long as the process).
    """
    cached = _MEDIANS.get(id(prices))
    if cached is not None and cached[0] is prices:
        return cached[1]
    by_model: dict[str, list[ApiPrice]] = {}
    for price in prices:
        by_model.setdefault(price.model_id, []).append(price)
    medians = {
        model_id: (
            median(p.input_usd_per_million_tokens for p in rows),
            median(p.output_usd_per_million_tokens for p in rows),
        )
        for model_id, rows in by_model.items()
    }
    if len(_MEDIANS) > 16:
        _MEDIANS.clear()
    _MEDIANS[id(prices)] = (prices, medians)
    return medians


def api_usd_per_million_tokens(workloads: list[Workload], prices: list[ApiPrice]) -> float | None:
    """Median provider price of the mix's models, blended like the mix [USD per 1M tokens].

    For each workload: the median input and the median output price over the providers of
    its model [17], weighted by the workload's input and output tokens; then weighted by
    the workloads' shares of tokens. None when any model of the mix has no price.
    """
    medians = median_prices(prices)
    total = 0.0
    for workload in workloads:
        if workload.model_id not in medians:
            return None
        price_in, price_out = medians[workload.model_id]
        tokens = workload.input_tokens + workload.output_tokens
        blended = (workload.input_tokens * price_in + workload.output_tokens * price_out) / tokens
        total += workload.share_frac * blended
    return total
