"""Plain-language sentences about a result: what it costs and what drives the cost.

The dashboard and the deck use the same words.
"""

from tco.data.catalogue import Catalogue
from tco.models import Result, Scenario
from tco.present.money import NAMES, money
from tco.present.numbers import number, percent

COMPONENT_NAMES = {
    "accelerators": "buying the accelerators",
    "servers": "the servers around them",
    "network": "networking",
    "storage": "storage",
    "installation": "installation",
    "facility": "building the facility",
    "colocation": "colocation rent",
    "energy": "electricity",
    "maintenance": "hardware support",
    "software": "software licences",
    "staff": "operations staff",
    "cloud_rental": "cloud rental",
}


def _tokens(per_day: float) -> str:
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if per_day >= size:
            return f"{per_day / size:,.3g} {word}"
    return f"{per_day:,.0f}"


def _duration(months: int) -> str:
    return f"{months // 12} years" if months % 12 == 0 else f"{months} months"


def choices(scenario: Scenario, catalogue: Catalogue) -> list[tuple[str, str]]:
    """The scenario's main choices in words, for presentation mode's read-only view."""

    def name(table: str, item_id: str) -> str:
        row = getattr(catalogue, table).get(item_id)
        return (getattr(row, "label", None) or row.name) if row else item_id

    finance, demand = scenario.finance, scenario.demand
    return [
        ("Accelerator", name("accelerators", scenario.accelerator_id)),
        ("Deployment", scenario.deployment.name),
        ("Site", name("sites", scenario.site_id)),
        ("Cooling", name("cooling", scenario.cooling_id)),
        ("Demand", f"{_tokens(demand.tokens_per_day)} tokens a day, growing "
                   f"{percent(demand.growth_frac_per_year)} a year"),
        ("Workloads", ", ".join(f"{w.name} ({percent(w.share_frac)})" for w in scenario.workloads)),
        ("Financing", f"{finance.financing}, {percent(finance.wacc_frac, 1)} WACC, "
                      f"{number(finance.hardware_life_years, 0)}-year hardware life"),
        ("Horizon", _duration(scenario.horizon_months)),
        ("Money", f"{NAMES[finance.currency]} at {finance.currency_year} prices"),
    ]  # fmt: skip


def api_comparison(result: Result) -> str | None:
    """'63 % below' or '20 % above' the serverless API median, when there is one."""
    api = result.api_usd_per_million_tokens
    if not api or not result.feasible:
        return None
    change = result.cost_usd_per_million_tokens / api - 1
    if abs(change) < 0.005:
        return "about the same as"
    return f"{percent(abs(change))} {'below' if change < 0 else 'above'}"


def summary(result: Result, scenario: Scenario, accelerator_label: str) -> str:
    """Two sentences: the cost and how it compares; the biggest costs and utilisation."""
    if not result.feasible:
        return f"This scenario cannot be served as set up: {result.infeasible_reason}"
    first = (
        f"Serving {_tokens(scenario.demand.tokens_per_day)} tokens a day on "
        f"{result.accelerators:,} {accelerator_label} costs "
        f"{money(result.cost_usd_per_million_tokens, result.currency)} per million tokens over "
        f"{_duration(scenario.horizon_months)}"
    )
    comparison = api_comparison(result)
    if comparison:
        first += (
            f", {comparison} the median serverless API price "
            f"({money(result.api_usd_per_million_tokens, result.currency)})"
        )
    total = sum(result.breakdown_usd.values()) or 1.0
    top = sorted(result.breakdown_usd.items(), key=lambda kv: kv[1], reverse=True)[:2]
    parts = [f"{COMPONENT_NAMES.get(k, k)} ({percent(v / total)})" for k, v in top if v > 0]
    second = "The largest costs are " + " and ".join(parts)
    if result.utilisation_frac < 0.5:
        second += (
            f"; the fleet is sized for the peak and busy {percent(result.utilisation_frac)} "
            "of the time on average, so idle capacity weighs on every token"
        )
    else:
        second += f"; the fleet is busy {percent(result.utilisation_frac)} of the time"
    return f"{first}. {second[:1].upper()}{second[1:]}."


def api_line(result: Result) -> tuple[str, list[float]] | None:
    """The serverless API price month by month and its name for a legend, if there is one:
    'Serverless API median, falling 38 % a year' (or 'held flat')."""
    values = [m.api_usd_per_million_tokens for m in result.timeline]
    decline = result.api_price_decline_frac_per_year
    if not values or any(v is None for v in values) or decline is None:
        return None
    if abs(decline) < 0.0005:
        trend = "held flat"
    else:
        trend = f"{'falling' if decline > 0 else 'rising'} {percent(abs(decline))} a year"
    return f"Serverless API median, {trend}", [float(v) for v in values if v is not None]
