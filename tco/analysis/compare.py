"""Scenario A against B: the difference in cost per million tokens attributed to its drivers.

Attribution by sequential substitution: start from A and swap one group of inputs at a
time to B's values, in the fixed order of `DRIVERS`, recording the change of cost per
million tokens at each step. The steps telescope, so they sum exactly to B − A: a
waterfall-ready table. The order matters (interactions are credited to the later group);
it is fixed and documented (docs/methodology.md §11) so two runs always agree. When an
intermediate mix of A and B cannot run (e.g. B's 132 kW racks with A's air cooling), that
group is merged with the next one and the step is labelled with both.
"""

from typing import Any

from pydantic import ValidationError

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.engine import run
from tco.engine.assemble import one_sentence
from tco.models import AttributionStep, Comparison, Scenario

DRIVERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("hardware", "Hardware: accelerator, system, prices, capex shares",
     ("accelerator_id", "system_accelerators", "capex", "overrides.accelerator_price_usd",
      "overrides.cloud_usd_per_hour")),
    ("workloads", "Workload mix: models, lengths, latency targets, shares", ("workloads",)),
    ("deployment", "Deployment: ownership, cloud terms, operations", ("deployment", "operations")),
    ("energy", "Site and energy: tariff, carbon, construction, colocation",
     ("site_id", "overrides.electricity_usd_per_kwh", "overrides.grid_gco2e_per_kwh",
      "overrides.construction_usd_per_w", "overrides.colocation_usd_per_kw_month")),
    ("cooling", "Cooling and density: PUE, rack power",
     ("cooling_id", "rack_power_kw", "overrides.pue")),
    ("financing", "Financing: WACC, lives, residual value, lease", ("finance",)),
    ("utilisation", "Demand and utilisation: tokens, peaks, growth, horizon",
     ("demand", "horizon_months")),
    ("trends", "Trends: price declines, escalation, efficiency, refresh", ("trends",)),
)  # fmt: skip
"""Driver id, label, and the scenario fields it swaps (dotted for nested fields)."""


def _swap(state: dict[str, Any], b: dict[str, Any], path: str) -> None:
    head, _, rest = path.partition(".")
    if rest:
        state[head] = {**state[head], rest: b[head][rest]}
    else:
        state[head] = b[head]


def _cost(state: dict[str, Any], catalogue: Catalogue) -> tuple[float | None, str | None]:
    """Cost per million tokens of a mixed scenario, or why it cannot run."""
    try:
        scenario = Scenario.model_validate(state)
    except ValidationError as exc:
        return None, str(exc.errors()[0].get("msg", "invalid"))
    result = run(scenario, catalogue)
    if not result.feasible:
        return None, result.infeasible_reason
    return result.cost_usd_per_million_tokens, None


def compare(a: Scenario, b: Scenario, catalogue: Catalogue | None = None) -> Comparison:
    """Cost of A and B and the steps from A to B (see module docstring)."""
    catalogue = catalogue or builtin_catalogue()
    state = a.model_dump()
    target = b.model_dump()
    # both in A's money: a currency or price year is how figures are shown, not a driver
    for money_field in ("currency", "currency_year"):
        target["finance"][money_field] = state["finance"][money_field]
    a_cost, a_reason = _cost(state, catalogue)
    b_cost, b_reason = _cost(target, catalogue)
    if a_cost is None or b_cost is None:
        which, reason = ("A", a_reason) if a_cost is None else ("B", b_reason)
        return Comparison(
            a_name=a.name,
            b_name=b.name,
            currency=a.finance.currency,
            feasible=False,
            infeasible_reason=one_sentence(f"scenario {which} is infeasible: {reason}"),
            a_usd_per_million_tokens=a_cost or 0.0,
            b_usd_per_million_tokens=b_cost or 0.0,
            steps=[],
        )
    steps: list[AttributionStep] = []
    previous = a_cost
    pending: list[tuple[str, str]] = []
    for driver, label, paths in DRIVERS:
        for path in paths:
            _swap(state, target, path)
        pending.append((driver, label))
        cost, _ = _cost(state, catalogue)
        if cost is None:
            continue  # merge with the next group
        steps.append(
            AttributionStep(
                driver=" + ".join(d for d, _ in pending),
                label="; ".join(lbl for _, lbl in pending),
                delta_usd_per_million_tokens=cost - previous,
                cost_after_usd_per_million_tokens=cost,
            )
        )
        previous = cost
        pending = []
    # the last state has every group of B, so its cost is B's: the steps sum to B − A
    total = sum(s.delta_usd_per_million_tokens for s in steps)
    if steps:
        last = steps[-1]
        steps[-1] = last.model_copy(
            update={
                "delta_usd_per_million_tokens": last.delta_usd_per_million_tokens
                + (b_cost - a_cost - total)
            }
        )
    return Comparison(
        a_name=a.name,
        b_name=b.name,
        currency=a.finance.currency,
        feasible=True,
        a_usd_per_million_tokens=a_cost,
        b_usd_per_million_tokens=b_cost,
        steps=steps,
    )
