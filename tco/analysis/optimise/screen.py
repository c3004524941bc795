"""The fast screen: every candidate's figures from the engine's own vectorised timeline.

For each group of candidates (tco.analysis.optimise.space) the engine prepares the scenario
once (its operating points are cached per part × precision × system size × workload, its
feasibility checked), then one `simulate` call runs the horizon for all the group's sites at
once, one site per sample. The figures below are then read off the monthly arrays exactly as
`tco.engine.assemble` reads them, so the screen and `run()` agree (tests/analysis/
test_optimise.py checks every confirmed candidate); the optimiser confirms the best with
`run()` all the same.
"""

from dataclasses import dataclass, field, fields

import numpy as np

from tco.analysis.optimise.space import Group, scenario_for
from tco.costs.energy import co2e_kg
from tco.costs.power import FLOOR_M2_PER_RACK
from tco.data.catalogue import Catalogue
from tco.engine.assemble import MAX_FLEET_ACCELERATORS
from tco.engine.prepare import Infeasible, Prepared, base_samples, prepare
from tco.engine.resolve import resolve
from tco.engine.timeline import Samples, simulate
from tco.models import Result, Scenario
from tco.models.units import G_PER_KG, KW_PER_MW, MONTHS_PER_YEAR, TOKENS_PER_MILLION

METRICS = (
    "cost_usd_per_million_tokens", "total_cost_usd", "capex_usd", "yearly_cost_usd",
    "facility_mw", "site_peak_mw", "floor_area_m2", "tokens_per_day_per_mw",
    "gco2e_per_million_tokens", "accelerators",
)  # fmt: skip
"""The figures of `tco.models.optimise.Metrics`, one array each in a `Table`."""


@dataclass
class Table:
    """Screened candidates, one row each: which group and site, and the figures."""

    group: np.ndarray
    site: np.ndarray
    metrics: dict[str, np.ndarray]
    reasons: dict[int, str] = field(default_factory=dict)
    """Group index → why the engine cannot run it (its sites are then left out)."""

    @classmethod
    def empty(cls) -> "Table":
        none = np.zeros(0)
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                   dict.fromkeys(METRICS, none))  # fmt: skip

    @classmethod
    def join(cls, tables: list["Table"]) -> "Table":
        if not tables:
            return cls.empty()
        reasons: dict[int, str] = {}
        for table in tables:
            reasons.update(table.reasons)
        return cls(
            np.concatenate([t.group for t in tables]),
            np.concatenate([t.site for t in tables]),
            {name: np.concatenate([t.metrics[name] for t in tables]) for name in METRICS},
            reasons,
        )

    def __len__(self) -> int:
        return int(self.group.size)


def _site_samples(
    scenario: Scenario, site_ids: list[str], catalogue: Catalogue
) -> tuple[Samples, np.ndarray]:
    """The scenario's sample values at each site, one sample per site (base_samples), and
    each site's grid carbon intensity, overrides applied [gCO2e/kWh]."""
    rows, grid = [], []
    for site_id in site_ids:
        at_site = scenario.model_copy(update={"site_id": site_id})
        resolved = resolve(at_site, catalogue)
        rows.append(base_samples(at_site, resolved))
        grid.append(resolved.grid_gco2e_per_kwh)
    samples = Samples(
        **{f.name: np.concatenate([getattr(r, f.name) for r in rows]) for f in fields(Samples)}
    )
    return samples, np.array(grid)


def _figures(
    prepared: Prepared, samples: Samples, grid: np.ndarray
) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Each figure per sample (site), and which samples give a reportable result."""
    plan = prepared.plan
    t = simulate(plan, samples, per_workload=False)
    cost = t.cost_usd[:, 0, :].sum(axis=-1)
    tokens = t.tokens[:, 0, :].sum(axis=-1)
    owned = t.owned_accelerators[:, 0, :]
    fleet = owned + t.rented_accelerators[:, 0, :]
    years = plan.scenario.horizon_months / MONTHS_PER_YEAR
    first = fleet[:, 0]
    facility_kw = first * plan.accelerator_kw * samples.pue
    site_peak_kw = owned.max(axis=-1) * plan.accelerator_kw * samples.pue
    layout = prepared.layout
    per_rack = layout.accelerators_per_rack if layout else np.inf
    racks = np.ceil(owned.max(axis=-1) / per_rack - 1e-9)
    energy = t.facility_energy_kwh[:, 0, :].sum(axis=-1)
    tokens_per_day = float(plan.tokens_per_day.sum())
    figures = {
        "cost_usd_per_million_tokens": cost / tokens * TOKENS_PER_MILLION,
        "total_cost_usd": cost,
        "capex_usd": t.capex_cash_usd[:, 0, :].sum(axis=-1),
        "yearly_cost_usd": cost / years,
        "facility_mw": facility_kw / KW_PER_MW,
        "site_peak_mw": site_peak_kw / KW_PER_MW,
        "floor_area_m2": racks * FLOOR_M2_PER_RACK,
        "tokens_per_day_per_mw": np.where(
            facility_kw > 0,
            tokens_per_day * KW_PER_MW / np.where(facility_kw > 0, facility_kw, 1),
            0.0,
        ),
        "gco2e_per_million_tokens": co2e_kg(energy, grid) * G_PER_KG / tokens * TOKENS_PER_MILLION,
        "accelerators": np.rint(first),
    }
    ok = (fleet <= MAX_FLEET_ACCELERATORS).all(axis=-1)
    for values in figures.values():
        ok &= np.isfinite(values)
    return figures, ok


def screen(
    base: Scenario, groups: list[Group], offset: int, site_ids: list[str], catalogue: Catalogue
) -> Table:
    """Figures of every candidate of ``groups`` (numbered from ``offset``) at every site."""
    tables = []
    reasons: dict[int, str] = {}
    sovereign = any(w.sovereign for w in base.workloads)
    # the sites' sample values depend on the part, the cooling and the deployment (its
    # cloud terms), not on precision, system size or rack power: computed once for those
    at_sites: dict[tuple[str, str, str, float | None], tuple[Samples, np.ndarray]] = {}
    for number, group in enumerate(groups, start=offset):
        scenario = scenario_for(base, group.choice(site_ids[0]), catalogue)
        if sovereign and scenario.deployment.kind == "cloud":
            reasons[number] = "a sovereign workload must run on owned hardware"
            continue
        prepared = prepare(scenario, catalogue)
        if isinstance(prepared, Infeasible):
            reasons[number] = prepared.reason
            continue
        key = (group.accelerator_id, group.cooling_id, group.deployment_id, group.owned_base_frac)
        if key not in at_sites:
            at_sites[key] = _site_samples(scenario, site_ids, catalogue)
        figures, ok = _figures(prepared, *at_sites[key])
        if not ok.any():
            reasons[number] = "serving this demand takes more accelerators than can be reported"
            continue
        keep = np.flatnonzero(ok)
        tables.append(
            Table(
                np.full(keep.size, number, dtype=np.int64),
                keep.astype(np.int64),
                {name: figures[name][keep] for name in METRICS},
            )
        )
    table = Table.join(tables)
    table.reasons.update(reasons)
    return table


def figures_of(result: Result, prepared: Prepared) -> dict[str, float]:
    """The same figures read from `run()`'s result (the screen's check; docs in `METRICS`)."""
    months = result.timeline
    owned_peak = max(m.accelerators - m.accelerators_rented for m in months)
    kw_per_accelerator = (
        result.facility_power_kw / result.accelerators if result.accelerators else 0
    )
    per_rack = prepared.layout.accelerators_per_rack if prepared.layout else np.inf
    years = len(months) / MONTHS_PER_YEAR
    facility_mw = result.facility_power_kw / KW_PER_MW
    tokens_per_day = sum(w.tokens_per_day for w in result.workloads)
    return {
        "cost_usd_per_million_tokens": result.cost_usd_per_million_tokens,
        "total_cost_usd": result.total_cost_usd,
        "capex_usd": result.capex_usd,
        "yearly_cost_usd": result.total_cost_usd / years,
        "facility_mw": facility_mw,
        "site_peak_mw": owned_peak * kw_per_accelerator / KW_PER_MW,
        "floor_area_m2": float(np.ceil(owned_peak / per_rack - 1e-9)) * FLOOR_M2_PER_RACK,
        "tokens_per_day_per_mw": tokens_per_day / facility_mw if facility_mw > 0 else 0.0,
        "gco2e_per_million_tokens": result.gco2e_per_million_tokens,
        "accelerators": float(result.accelerators),
    }
