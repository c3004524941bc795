"""Prepare a scenario for the timeline: resolve it, find its operating points, check it can run.

Steps: resolve the scenario's ids against the catalogue (unknown ids raise a one-line
`TcoError` naming the field) → one operating point per workload from the throughput model →
feasibility (prices, power, rack density) → a `Plan` and one `Samples` row. Anything that
makes the configuration impossible gives `Infeasible` instead, which says why in one
sentence, with what would fix it.
"""

from dataclasses import dataclass

import numpy as np

from tco.costs.financing import life_months
from tco.costs.power import IDLE_POWER_FRAC, RackLayout, rack_layout, server_power_kw
from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.engine.plan import Plan, Samples
from tco.engine.resolve import Resolved, resolve
from tco.models import Cooling, Deployment, OperatingPoint, Scenario, Workload
from tco.models.errors import TcoError
from tco.performance import ServingCase, operating_point

MIN_TOKENS_PER_DAY = 1e-6
"""Below this a workload's demand [tokens/day] is nothing to serve: its cost per token would
divide by (nearly) zero and overflow to infinity. (A tiny demand above it is served by one
whole system, see tests/engine/test_deployments.py.)"""

MIN_SYSTEM_KW = 1e-6
"""Below this a system's power [kW] is a typing error (1 mW), not a part: racks and energy
per kW would divide by (nearly) zero."""


@dataclass(frozen=True)
class Prepared:
    """A scenario ready to simulate."""

    scenario: Scenario
    resolved: Resolved
    points: tuple[OperatingPoint, ...]
    layout: RackLayout | None
    server_accelerators: int
    plan: Plan
    samples: Samples


@dataclass(frozen=True)
class Infeasible:
    """Why a scenario cannot run, in one sentence for the user."""

    reason: str


def _points(scenario: Scenario, r: Resolved) -> tuple[tuple[OperatingPoint, ...], str | None]:
    """One operating point per workload (cached by the throughput model), or why one fails."""
    points = []
    for workload, llm in zip(scenario.workloads, r.models, strict=True):
        try:
            case = ServingCase.for_workload(
                workload, llm, r.accelerator, scenario.system_accelerators
            )
            point = operating_point(case)
        except TcoError as exc:
            return (), f"{_short(workload.name)}: {exc}"
        if not point.feasible or point.output_tokens_per_s_per_accelerator <= 0:
            reason = point.infeasible_reason or "the throughput model finds no operating point"
            return (), f"{_short(workload.name)}: {reason}"
        points.append(point)
    return tuple(points), None


def _short(name: str, limit: int = 60) -> str:
    """A user-chosen name, cut to fit in a one-line reason."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _density_fix(
    catalogue: Catalogue, server_kw: float, cooling: Cooling, rack_power_kw: float | None
) -> str:
    """The change that lets a server of ``server_kw`` into a rack, naming real options: a
    planned rack power the chosen cooling can remove and the server fits in, or the other
    cooling technologies that can remove what is needed."""
    short = cooling.name.split(" (")[0]
    need_kw = max(server_kw, rack_power_kw or 0.0)
    others = [
        c.name for c in catalogue.cooling.values()
        if c.id != cooling.id and c.max_rack_kw >= need_kw * (1 - 1e-9)
    ]  # fmt: skip
    alternatives = f"choose {' or '.join(others)}" if others else ""
    if rack_power_kw is not None and rack_power_kw > cooling.max_rack_kw * (1 + 1e-9):
        fix = f"Plan at most {cooling.max_rack_kw:.3g} kW per rack for {short}"
        return f"{fix}{', or ' + alternatives if alternatives else ''}."
    if server_kw <= cooling.max_rack_kw * (1 + 1e-9):  # the planned rack power is too low
        return (
            f"Plan a rack power of at least {server_kw:.3g} kW ({short} removes up to "
            f"{cooling.max_rack_kw:.3g} kW), or leave it empty for the cooling's maximum."
        )
    if not others:
        return "No cooling in the catalogue removes that much from a rack; choose smaller systems."
    planned = f" with at least {server_kw:.3g} kW per rack" if rack_power_kw is not None else ""
    return f"{alternatives[:1].upper()}{alternatives[1:]}{planned}."


def _feasibility(
    scenario: Scenario, r: Resolved, catalogue: Catalogue, server_accelerators: int
) -> tuple[RackLayout | None, str | None]:
    """Prices, power and density a deployment needs; the layout when the servers fit racks."""
    kind = scenario.deployment.kind
    label = _short(r.accelerator.label, 80)
    owns = scenario.deployment.owns_hardware
    if scenario.demand.tokens_per_day <= 0:
        return None, "the demand is 0 tokens a day, so there is nothing to serve; set a demand."
    for workload in scenario.workloads:
        if scenario.demand.tokens_per_day * workload.share_frac < MIN_TOKENS_PER_DAY:
            return None, (
                f"{_short(workload.name, 60)} gets less than a millionth of a token a day "
                "(demand × its share), so its cost per token is undefined; raise the demand "
                "or its share."
            )
    if owns and r.price_usd is None:
        if catalogue.rented_only(r.accelerator.id):
            return None, f"{label} is not sold, only rented: choose a cloud deployment."
        return None, (
            f"{label} has no purchase price in the catalogue; enter a price per "
            "accelerator (advanced hardware settings) or choose a cloud deployment."
        )
    if kind in ("cloud", "hybrid") and r.cloud_usd_per_hour is None:
        return None, (
            f"{label} cannot be rented as set up ({r.cloud_reason or 'no cloud price'}); "
            "choose another provider or region, or enter a cloud price per accelerator-hour "
            "(advanced hardware settings)."
        )
    server_kw = server_power_kw(r.accelerator, server_accelerators)
    if server_kw is not None and server_kw < MIN_SYSTEM_KW:
        return None, (
            f"{label}: one system draws {server_kw:.2g} kW by its published power figures, "
            "too little to be real; correct the accelerator's power figures."
        )
    if server_kw is None:
        if owns:
            return None, (
                f"{label} has no published power (TDP or system power), so its energy and "
                "rack density are unknown; add it as your own accelerator with its power, or "
                "choose a cloud deployment."
            )
        return None, None
    layout = rack_layout(server_kw, server_accelerators, r.cooling, scenario.rack_power_kw)
    if isinstance(layout, str):
        if not owns:  # the provider's racks, not ours: report no layout
            return None, None
        fix = _density_fix(catalogue, server_kw, r.cooling, scenario.rack_power_kw)
        return None, f"{label}: {layout} {fix}"
    return layout, None


def _plan(
    scenario: Scenario,
    r: Resolved,
    points: tuple[OperatingPoint, ...],
    layout: RackLayout | None,
    server_kw_per_acc: float,
) -> Plan:
    tdp = r.accelerator.tdp_w
    busy = [
        min(1.0, max(IDLE_POWER_FRAC, p.power_w_per_accelerator / tdp)) if tdp else 1.0
        for p in points
    ]
    owned_frac = [_owned_share(scenario.deployment, w) for w in scenario.workloads]
    return Plan(
        scenario=scenario,
        cooling=r.cooling,
        grid_gco2e_per_kwh=r.grid_gco2e_per_kwh,
        tokens_per_day=np.array(
            [scenario.demand.tokens_per_day * w.share_frac for w in scenario.workloads]
        ),
        tokens_per_s_per_accelerator=np.array(
            [
                p.output_tokens_per_s_per_accelerator
                * (p.input_tokens + p.output_tokens)
                / p.output_tokens
                for p in points
            ]
        ),
        system_accelerators=np.array([float(p.system_accelerators) for p in points]),
        owned_frac=np.array(owned_frac),
        busy_power_frac=np.array(busy),
        accelerator_kw=server_kw_per_acc,
        rack_it_kw=layout.rack_it_kw if layout else 1.0,
        money=r.money,
    )


def _owned_share(deployment: Deployment, workload: Workload) -> float:
    """Share of a workload's peak capacity that is owned [0-1]: none in the cloud, the base
    share in a hybrid (all of it for a sovereign workload), all of it otherwise."""
    if deployment.kind == "cloud":
        return 0.0
    if deployment.kind == "hybrid" and not workload.sovereign:
        return deployment.owned_base_frac
    return 1.0


def base_samples(scenario: Scenario, r: Resolved) -> Samples:
    """The scenario's own values as one sample."""
    one = lambda value: np.array([float(value)])  # noqa: E731
    return Samples(
        electricity_usd_per_kwh=one(r.electricity_usd_per_kwh),
        accelerator_price_usd=one(r.price_usd or 0.0),
        pue=one(r.pue),
        wacc_frac=one(scenario.finance.wacc_frac),
        peak_to_average=one(scenario.demand.peak_to_average),
        throughput_factor=one(1.0),
        hardware_life_months=np.array([life_months(scenario.finance.hardware_life_years)]),
        demand_growth_frac_per_year=one(scenario.demand.growth_frac_per_year),
        software_efficiency_gain_frac_per_year=one(
            scenario.trends.software_efficiency_gain_frac_per_year
        ),
        cloud_usd_per_hour=one(r.cloud_usd_per_hour or 0.0),
        construction_usd_per_w=one(r.construction_usd_per_w),
        colocation_usd_per_kw_month=one(r.colocation_usd_per_kw_month),
    )


def prepare(scenario: Scenario, catalogue: Catalogue | None = None) -> Prepared | Infeasible:
    """Resolve, find operating points and check feasibility; build the plan when feasible."""
    catalogue = catalogue or builtin_catalogue()
    r = resolve(scenario, catalogue)
    server_accelerators = scenario.system_accelerators or r.accelerator.system_accelerators
    points, reason = _points(scenario, r)
    layout = None
    if reason is None:
        layout, reason = _feasibility(scenario, r, catalogue, server_accelerators)
    if reason is not None:
        return Infeasible(reason)
    server_kw = server_power_kw(r.accelerator, server_accelerators) or 0.0
    plan = _plan(scenario, r, points, layout, server_kw / server_accelerators)
    return Prepared(
        scenario, r, points, layout, server_accelerators, plan, base_samples(scenario, r)
    )
