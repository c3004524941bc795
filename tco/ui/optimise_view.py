"""The Plan page's optimiser: the question from the form, the search with its progress bar,
and the answer as tiles, tables and charts.

A search takes a few seconds, so it runs when asked and its answer is kept in the session
(keyed on the scenario and the question); the progress bar shows the best so far as each
part's configurations are screened.
"""

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from tco.analysis.optimise import optimise
from tco.models import Precision, Scenario
from tco.models.errors import TcoError, one_line
from tco.models.optimise import (
    OBJECTIVE_LABELS,
    Constraints,
    Objective,
    OptimiseResult,
    Ranked,
    SearchSpace,
)
from tco.present import figures
from tco.present.figures.planning import pareto
from tco.ui import charts
from tco.ui.data import catalogue
from tco.ui.fmt import money, number

_ANSWERS = "plan.optimise.answers"
OBJECTIVES: dict[str, str] = {k: v[0].upper() + v[1:] for k, v in OBJECTIVE_LABELS.items()}
Tile = tuple[str, str, str]


def countries() -> list[str]:
    return sorted({s.country for s in catalogue().sites.values()})


def question(
    *,
    parts: list[str],
    sites: list[str],
    deployments: list[str],
    coolings: list[str],
    precisions: list[str],
    power_cap_mw: float,
    capex_musd: float,
    yearly_musd: float,
    floor_m2: float,
    sovereign: list[str],
) -> tuple[SearchSpace, Constraints] | str:
    """The search space and limits from the form (0 = no limit), or why they are refused."""
    try:
        space = SearchSpace(
            accelerator_ids=parts or None,
            site_ids=sites or None,
            deployment_ids=deployments or None,
            cooling_ids=coolings or None,
            precisions=[Precision(p) for p in precisions],
        )
        limits = Constraints(
            power_cap_mw=power_cap_mw or None,
            capex_budget_usd=capex_musd * 1e6 or None,
            yearly_budget_usd=yearly_musd * 1e6 or None,
            floor_area_m2=floor_m2 or None,
            sovereign_countries=sovereign,
        )
    except ValidationError as exc:
        return one_line(exc)
    return space, limits


def _key(scenario: Scenario, space: SearchSpace, limits: Constraints, objective: str) -> str:
    return "|".join(
        (scenario.model_dump_json(), space.model_dump_json(), limits.model_dump_json(), objective)
    )


def answer(
    scenario: Scenario, space: SearchSpace, limits: Constraints, objective: str
) -> OptimiseResult | None:
    """The answer this session already has for this question, if any."""
    return st.session_state.get(_ANSWERS, {}).get(_key(scenario, space, limits, objective))


def search(
    scenario: Scenario,
    space: SearchSpace,
    limits: Constraints,
    objective: Objective,
    show: Callable[[float, str], None],
) -> OptimiseResult | str:
    """Run the search, telling ``show`` its progress (share done, best so far in words)."""
    currency = scenario.finance.currency

    def progress(done: int, total: int, best: Ranked | None) -> None:
        if best is None:
            words = "nothing within the limits yet"
        else:
            cost = money(best.metrics.cost_usd_per_million_tokens, currency)
            words = f"best so far: {best.label}, {cost} per million tokens"
        show(done / total, f"{number(done)} of {number(total)} configurations; {words}")

    try:
        found = optimise(
            scenario, space, limits, objective, catalogue=catalogue(), progress=progress
        )
    except TcoError as exc:
        return str(exc)
    answers = st.session_state.setdefault(_ANSWERS, {})
    answers.clear()  # keep one answer per session: the last question asked
    answers[_key(scenario, space, limits, objective)] = found
    return found


def counts(found: OptimiseResult) -> str:
    """How many configurations were searched, can run and keep every limit, in words."""
    return (
        f"{number(found.candidates)} configurations searched: {number(found.runnable)} can "
        f"serve the mix and {number(found.within_limits)} keep every limit."
    )


def tiles(found: OptimiseResult, scenario: Scenario) -> list[Tile]:
    currency = scenario.finance.currency
    top = found.ranked[0].metrics
    return [
        (
            "Cost per M tokens",
            money(top.cost_usd_per_million_tokens, currency),
            "The winner's cost per million tokens over the horizon.",
        ),
        ("Total cost", money(top.total_cost_usd, currency), "Over the horizon."),
        (
            "Site power",
            number(top.site_peak_mw, 2, "MW"),
            "Facility power of the owned fleet at its largest (none when rented).",
        ),
        (
            "CO₂e per M tokens",
            number(top.gco2e_per_million_tokens, 1, "g"),
            "Grid emissions per million tokens.",
        ),
    ]


def ranked_table(found: OptimiseResult, scenario: Scenario) -> pd.DataFrame:
    currency = scenario.finance.currency
    return pd.DataFrame(
        [
            {
                "Rank": r.rank,
                "Configuration": r.label,
                "Per M tokens": money(r.metrics.cost_usd_per_million_tokens, currency),
                "Total cost": money(r.metrics.total_cost_usd, currency),
                "Site power [MW]": round(r.metrics.site_peak_mw, 2),
                "Floor [m²]": round(r.metrics.floor_area_m2),
                "CO₂e [g per M tokens]": round(r.metrics.gco2e_per_million_tokens, 1),
                "Accelerators": r.metrics.accelerators,
            }
            for r in found.ranked
        ]
    )


def rejections_table(found: OptimiseResult) -> pd.DataFrame:
    return pd.DataFrame(
        [{"Accelerator": r.label, "What stops it": r.reason} for r in found.rejections]
    )


def why(found: OptimiseResult, scenario: Scenario) -> go.Figure | None:
    """Runner-up → winner: what the difference in cost per million tokens is made of."""
    comparison = found.why
    if comparison is None or not comparison.feasible:
        return None
    steps = [
        (s.label.split(":")[0], s.delta_usd_per_million_tokens)
        for s in comparison.steps
        if abs(s.delta_usd_per_million_tokens) > 0
    ]
    return figures.waterfall(
        ("Runner-up", comparison.a_usd_per_million_tokens),
        steps,
        ("Winner", comparison.b_usd_per_million_tokens),
        title="Why the winner wins",
        footnote=f"Runner-up: {comparison.a_name}.",
    )


def frontiers(found: OptimiseResult, scenario: Scenario) -> tuple[go.Figure, go.Figure]:
    currency = scenario.finance.currency
    note = charts.footnote(scenario)
    return (
        pareto(
            found.pareto_power,
            x_title="Facility power, month 1 [MW]",
            title="Cost against power: the frontier",
            currency=currency,
            footnote=note,
        ),
        pareto(
            found.pareto_co2e,
            x_title="Emissions [g CO₂e per million tokens]",
            title="Cost against CO₂e: the frontier",
            currency=currency,
            footnote=note,
        ),
    )
