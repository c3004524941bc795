"""The market line: what serverless APIs charge for the same models."""

from statistics import median

from tco.models import ApiPrice, Workload


def api_usd_per_million_tokens(workloads: list[Workload], prices: list[ApiPrice]) -> float | None:
    """Median provider price of the mix's models, blended like the mix [USD per 1M tokens].

    For each workload: the median input and the median output price over the providers of
    its model [17], weighted by the workload's input and output tokens; then weighted by
    the workloads' shares of tokens. None when any model of the mix has no price.
    """
    total = 0.0
    for workload in workloads:
        rows = [p for p in prices if p.model_id == workload.model_id]
        if not rows:
            return None
        tokens = workload.input_tokens + workload.output_tokens
        blended = (
            workload.input_tokens * median(p.input_usd_per_million_tokens for p in rows)
            + workload.output_tokens * median(p.output_usd_per_million_tokens for p in rows)
        ) / tokens
        total += workload.share_frac * blended
    return total
