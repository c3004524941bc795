"""The power-budget planner: "we have 5 MW in Frankfurt, what does it buy us?"

For each part: the largest owned fleet whose power fits the budget, and the demand it
serves. The fleet is sized by the engine itself: the demand D is the largest for which
the engine's own sizing (peak-to-average, headroom, whole systems, every latency target)
gives a month-1 owned fleet whose maximum power fits the budget,

    accelerators(D) × server kW per accelerator × (PUE for a facility budget, 1 for IT) ≤ budget,

found by bisection on D (the fleet grows in steps with D). The answer is then run as a
scenario with that demand and no demand growth (the budget holds the fleet where it is), so
its tokens per day, fleet and cost are what `tco run` gives for the same fleet
(tests/analysis/test_power_budget.py).
"""

import math

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.data.presets import runnable_mix
from tco.engine import prepare, run
from tco.engine.assemble import one_sentence
from tco.engine.prepare import Infeasible
from tco.engine.timeline import simulate
from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError
from tco.models.planning import TOKENS_PER_USER_PER_DAY, BudgetPlan, BudgetRow, PowerBasis
from tco.models.units import KW_PER_MW

MAX_POWER_MW = 10_000.0
BISECTIONS = 64
"""Halvings of the demand interval: the answer is within 2^-64 of the largest demand."""
_PROBE_TOKENS_PER_DAY = 1e9
BASIS_WORDS: dict[PowerBasis, str] = {"facility": "facility", "it": "IT"}


def _with_demand(scenario: Scenario, tokens_per_day: float, months: int) -> Scenario:
    demand = scenario.demand.model_copy(update={"tokens_per_day": tokens_per_day})
    return scenario.model_copy(update={"demand": demand, "horizon_months": months})


def owned_fleet(scenario: Scenario, tokens_per_day: float, catalogue: Catalogue) -> int | str:
    """Owned accelerators the engine puts in service in month 1 for this demand [count],
    or why it cannot serve it."""
    prepared = prepare(_with_demand(scenario, tokens_per_day, 1), catalogue)
    if isinstance(prepared, Infeasible):
        return prepared.reason
    timeline = simulate(prepared.plan, prepared.samples, per_workload=False)
    return round(float(timeline.owned_accelerators[0, 0, 0]))


def _largest_demand(scenario: Scenario, most: int, catalogue: Catalogue) -> float | str:
    """The largest demand whose owned fleet is at most ``most`` accelerators [tokens/day]."""
    probe = owned_fleet(scenario, _PROBE_TOKENS_PER_DAY, catalogue)
    if isinstance(probe, str):
        return probe
    high = _PROBE_TOKENS_PER_DAY * max(1.0, 2.0 * most / max(probe, 1))
    while _fits(owned_fleet(scenario, high, catalogue), most):
        high *= 2  # the fleet grows with demand: this ends
    low = high * 1e-12
    if not _fits(owned_fleet(scenario, low, catalogue), most):
        return "the mix needs one system per workload, more power than the whole budget"
    for _ in range(BISECTIONS):
        middle = (low + high) / 2
        if _fits(owned_fleet(scenario, middle, catalogue), most):
            low = middle
        else:
            high = middle
    return low


def _fits(fleet: int | str, most: int) -> bool:
    return isinstance(fleet, int) and fleet <= most


def _row(
    base: Scenario,
    part: Accelerator,
    budget_kw: float,
    basis: PowerBasis,
    tokens_per_user: float,
    catalogue: Catalogue,
) -> BudgetRow:
    demand = base.demand.model_copy(update={"growth_frac_per_year": 0.0})
    scenario = base.model_copy(
        update={
            "accelerator_id": part.id,
            "workloads": runnable_mix(base.workloads, part),
            "demand": demand,
        }
    )
    infeasible = BudgetRow(accelerator_id=part.id, label=part.label, feasible=False)
    prepared = prepare(_with_demand(scenario, _PROBE_TOKENS_PER_DAY, 1), catalogue)
    if isinstance(prepared, Infeasible):
        return infeasible.model_copy(update={"reason": prepared.reason})
    kw = prepared.plan.accelerator_kw * (prepared.resolved.pue if basis == "facility" else 1.0)
    if kw <= 0:
        return infeasible.model_copy(update={"reason": f"{part.label} has no published power"})
    system_kw = kw * prepared.server_accelerators
    if system_kw > budget_kw:
        cooled = " with its cooling" if basis == "facility" else ""
        reason = (
            f"one {prepared.server_accelerators}-accelerator system draws {system_kw:,.1f} kW"
            f"{cooled}, more than the whole {budget_kw:,.4g} kW budget"
        )
        return infeasible.model_copy(update={"reason": reason})
    found = _largest_demand(scenario, math.floor(budget_kw / kw + 1e-9), catalogue)
    if isinstance(found, str):
        return infeasible.model_copy(update={"reason": found})
    mw = budget_kw / KW_PER_MW
    scenario = _with_demand(scenario, found, base.horizon_months).model_copy(
        update={"name": f"{part.label}: {mw:,.3g} MW {BASIS_WORDS[basis]} budget"[:120]}
    )
    result = run(scenario, catalogue)
    if not result.feasible:  # pragma: no cover - the same engine sized it
        return infeasible.model_copy(update={"reason": result.infeasible_reason})
    first = result.timeline[0]
    accelerators = first.accelerators - first.accelerators_rented
    it_mw = accelerators * prepared.plan.accelerator_kw / KW_PER_MW
    return BudgetRow(
        accelerator_id=part.id,
        label=part.label,
        feasible=True,
        accelerators=accelerators,
        servers=result.servers,
        racks=result.racks,
        floor_area_m2=result.floor_area_m2,
        it_mw=it_mw,
        facility_mw=it_mw * prepared.resolved.pue,
        tokens_per_day=found,
        users=found / tokens_per_user,
        cost_usd_per_million_tokens=result.cost_usd_per_million_tokens,
        tokens_per_day_per_mw=found / mw,
        scenario=scenario,
    )


def plan_budget(
    scenario: Scenario,
    power_mw: float,
    *,
    basis: PowerBasis = "facility",
    site_id: str | None = None,
    cooling_id: str | None = None,
    accelerator_ids: list[str] | None = None,
    tokens_per_user_per_day: float = TOKENS_PER_USER_PER_DAY,
    catalogue: Catalogue | None = None,
) -> BudgetPlan:
    """What ``power_mw`` [MW] of facility (or IT) power buys at a site under a cooling.

    The scenario supplies the mix, latency targets, deployment, money and peak-to-average;
    site and cooling default to its own; ``accelerator_ids`` None means every part in the
    catalogue. Raises TcoError for a budget out of range, an unknown id or a rented fleet.
    """
    catalogue = catalogue or builtin_catalogue()
    if not 0 < power_mw <= MAX_POWER_MW:
        raise TcoError(f"the power budget must be above 0 and at most {MAX_POWER_MW:,.0f} MW")
    if not 0 < tokens_per_user_per_day <= 1e9:
        raise TcoError("tokens per user per day must be above 0 and at most 1,000,000,000")
    if scenario.deployment.kind == "cloud":
        raise TcoError(
            "a power budget is for hardware you run: choose an owned, colocation, edge or "
            "hybrid deployment"
        )
    site = catalogue.get("sites", site_id or scenario.site_id)
    cooling = catalogue.get("cooling", cooling_id or scenario.cooling_id)
    ids = list(catalogue.accelerators) if accelerator_ids is None else accelerator_ids
    parts = [catalogue.get("accelerators", i) for i in dict.fromkeys(ids)]
    if not parts:
        raise TcoError("choose at least one accelerator")
    base = scenario.model_copy(update={"site_id": site.id, "cooling_id": cooling.id})
    rows = [
        _row(base, part, power_mw * KW_PER_MW, basis, tokens_per_user_per_day, catalogue)
        for part in parts
    ]
    rows = [
        r if r.reason is None else r.model_copy(update={"reason": one_sentence(r.reason)})
        for r in rows
    ]
    rows.sort(key=lambda r: (not r.feasible, -r.tokens_per_day))
    return BudgetPlan(
        power_mw=power_mw,
        basis=basis,
        site_id=site.id,
        cooling_id=cooling.id,
        tokens_per_user_per_day=tokens_per_user_per_day,
        rows=rows,
    )
