"""`optimise`: the cheapest (or greenest, or densest) configuration that keeps every limit.

1. Enumerate the candidates (tco.analysis.optimise.space) and screen them all with the
   engine's vectorised timeline (tco.analysis.optimise.screen), chunk by chunk, here, on the
   local cores or on a Dask cluster (tco.analysis.optimise.workers).
2. Keep the candidates within every limit (tco.analysis.optimise.limits) and rank them by
   the objective (ties: lower cost per million tokens, then search order).
3. Confirm the best ``top`` with the real `run()`: the ranked table shows run()'s figures.
4. Say for each part with no candidate within the limits what binds and by how much; draw
   the Pareto frontiers (cost per million tokens against facility power, and against CO₂e);
   attribute the winner's advantage over the runner-up (the best candidate on another part)
   with `tco.analysis.compare.compare`.
"""

from collections import Counter
from collections.abc import Callable

import numpy as np

from tco.analysis.compare import compare
from tco.analysis.optimise import workers as where
from tco.analysis.optimise.limits import Verdict, binding, judge, rejections
from tco.analysis.optimise.screen import Table, figures_of
from tco.analysis.optimise.space import Group, groups, label, scenario_for, sites, validated
from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.engine import prepare, run
from tco.engine.assemble import one_sentence
from tco.engine.prepare import Infeasible
from tco.models import Scenario
from tco.models.errors import TcoError
from tco.models.optimise import (
    Choice,
    Constraints,
    Metrics,
    Objective,
    OptimiseResult,
    ParetoPoint,
    Ranked,
    Rejection,
    SearchSpace,
)

DEFAULT_TOP = 10
MAX_CANDIDATES = 1_000_000
"""Most configurations one search may evaluate (bounds its time and memory)."""
PARETO_POINTS = 40

NOT_SEARCHED = (
    "the workload mix, its lengths and latency targets (they are the question)",
    "demand, peak-to-average and headroom",
    "financing: discount rate, depreciation lives, lease or buy",
    "fleets that mix parts (one accelerator serves every workload)",
    "a precision per workload (one precision for all, or each workload's own)",
    "serving techniques such as speculative decoding, prefix caching or disaggregated prefill",
    "cloud providers, regions and commitments beyond the deployment presets",
)
"""What the optimiser does not vary yet (reported with every answer)."""

Progress = Callable[[int, int, Ranked | None], None]
"""Called after each chunk: (candidates screened, candidates in all, best so far)."""


def _chunks(
    scenario: Scenario, all_groups: list[Group], site_ids: list[str], catalogue: Catalogue
) -> list[where.Chunk]:
    """One chunk per part: its groups are contiguous in `groups`."""
    custom = [a for a in catalogue.accelerators.values() if a.custom]
    text = scenario.model_dump_json()
    chunks, start = [], 0
    for end in range(1, len(all_groups) + 1):
        if (
            end == len(all_groups)
            or all_groups[end].accelerator_id != all_groups[start].accelerator_id
        ):
            chunks.append(where.Chunk(text, all_groups[start:end], start, site_ids, custom))
            start = end
    return chunks


def _order(table: Table, objective: Objective, keeps: np.ndarray) -> np.ndarray:
    """Rows within the limits, best first."""
    m = table.metrics
    key = {
        "cost": m["cost_usd_per_million_tokens"],
        "total_cost": m["total_cost_usd"],
        "tokens_per_mw": -m["tokens_per_day_per_mw"],
        "co2e": m["gco2e_per_million_tokens"],
    }[objective]
    rows = np.flatnonzero(keeps)
    ranking = np.lexsort((rows, m["cost_usd_per_million_tokens"][rows], key[rows]))
    return rows[ranking]


def _metrics(figures: dict[str, float]) -> Metrics:
    values = {k: float(v) for k, v in figures.items()}
    values["accelerators"] = round(values["accelerators"])
    return Metrics.model_validate(values)


class _Search:
    """One search's candidates, their screened figures and their verdicts."""

    def __init__(
        self,
        scenario: Scenario,
        space: SearchSpace,
        constraints: Constraints,
        objective: Objective,
        catalogue: Catalogue,
        top: int,
        workers: int,
    ) -> None:
        self.scenario, self.constraints, self.objective = scenario, constraints, objective
        self.catalogue, self.top, self.workers = catalogue, top, workers
        self.groups = groups(space, scenario, catalogue)
        self.site_ids = sites(space, catalogue)
        self.total = len(self.groups) * len(self.site_ids)
        if self.total > MAX_CANDIDATES:
            raise TcoError(
                f"the search has {self.total:,} configurations, more than {MAX_CANDIDATES:,}; "
                "choose fewer parts, sites or options"
            )

    def choice(self, table: Table, row: int) -> Choice:
        return self.groups[int(table.group[row])].choice(self.site_ids[int(table.site[row])])

    def describe(self, table: Table, row: int) -> str:
        return label(self.choice(table, row), self.catalogue)

    def verdict(self, table: Table) -> Verdict:
        return judge(table, self.constraints, self.scenario, self.site_ids, self.catalogue)

    def screened_best(self, table: Table) -> Ranked | None:
        """The best candidate so far, with its screened (unconfirmed) figures."""
        order = _order(table, self.objective, self.verdict(table).keeps_all)
        if not order.size:
            return None
        row = int(order[0])
        figures = {name: float(values[row]) for name, values in table.metrics.items()}
        return Ranked(rank=1, label=self.describe(table, row), choice=self.choice(table, row),
                      metrics=_metrics(figures))  # fmt: skip

    def screen(self, progress: Progress | None) -> Table:
        chunks = _chunks(self.scenario, self.groups, self.site_ids, self.catalogue)
        pieces: list[Table] = []
        done = 0
        for chunk, table in where.tables(
            chunks, self.catalogue, self.scenario, self.workers, self.total
        ):
            pieces.append(table)
            done += len(chunk.groups) * len(self.site_ids)
            if progress is not None:
                progress(done, self.total, self.screened_best(Table.join(pieces)))
        joined = Table.join(pieces)
        order = np.lexsort((joined.site, joined.group))  # the same rows wherever they ran
        return Table(
            joined.group[order],
            joined.site[order],
            {name: values[order] for name, values in joined.metrics.items()},
            joined.reasons,
        )

    def scenario_of(self, table: Table, row: int) -> Scenario:
        return validated(scenario_for(self.scenario, self.choice(table, row), self.catalogue))

    def families(self, table: Table, order: np.ndarray) -> np.ndarray:
        """The best row of each part × deployment (the ranked table's rows), best first."""
        seen: set[tuple[str, str, float | None]] = set()
        best = []
        for row in order:
            group = self.groups[int(table.group[row])]
            family = (group.accelerator_id, group.deployment_id, group.owned_base_frac)
            if family not in seen:
                seen.add(family)
                best.append(row)
                if len(best) == self.top:
                    break
        return np.array(best, dtype=np.int64)

    def confirm(self, table: Table, order: np.ndarray) -> list[Ranked]:
        """The best row of each family as run() computes it (one run() cannot run is
        dropped)."""
        ranked: list[Ranked] = []
        for row in self.families(table, order):
            scenario = self.scenario_of(table, int(row))
            result = run(scenario, self.catalogue)
            prepared = prepare(scenario, self.catalogue)
            if not result.feasible or isinstance(prepared, Infeasible):  # pragma: no cover
                continue  # the screen ran the same engine: not expected
            figures = figures_of(result, prepared)
            ranked.append(
                Ranked(
                    rank=len(ranked) + 1,
                    label=scenario.name,
                    choice=self.choice(table, row),
                    metrics=_metrics(figures),
                )
            )
        return ranked

    def pareto(self, table: Table, rows: np.ndarray, axis: str) -> list[ParetoPoint]:
        """Rows no other row beats on both cost per million tokens and ``axis``."""
        cost = table.metrics["cost_usd_per_million_tokens"]
        other = table.metrics[axis]
        points: list[ParetoPoint] = []
        best = np.inf
        for row in rows[np.lexsort((cost[rows], other[rows]))]:
            if cost[row] < best * (1 - 1e-9):
                best = float(cost[row])
                points.append(
                    ParetoPoint(label=self.describe(table, int(row)),
                                cost_usd_per_million_tokens=best, value=float(other[row]))
                )  # fmt: skip
        if len(points) > PARETO_POINTS:  # keep the ends and an even spread between
            keep = np.unique(np.linspace(0, len(points) - 1, PARETO_POINTS).round().astype(int))
            points = [points[i] for i in keep]
        return points

    def nothing_fits(self, table: Table, verdict: Verdict) -> str:
        if not len(table):
            reasons = Counter(table.reasons.values())
            reason = reasons.most_common(1)[0][0] if reasons else "nothing was searched"
            return one_sentence(f"No configuration searched can serve this mix: {reason}")
        rows = np.arange(len(table))
        _, tail = binding(rows, verdict, self.constraints, lambda r: self.describe(table, r))
        return one_sentence(f"Nothing searched keeps every limit: {tail}.")


def optimise(
    scenario: Scenario,
    space: SearchSpace | None = None,
    constraints: Constraints | None = None,
    objective: Objective = "cost",
    *,
    catalogue: Catalogue | None = None,
    top: int = DEFAULT_TOP,
    workers: int = 1,
    progress: Progress | None = None,
) -> OptimiseResult:
    """Search ``space`` around ``scenario`` for the best configuration within ``constraints``.

    The scenario supplies what is not searched (workload mix and latency targets, demand,
    financing, trends); ``workers`` > 1 screens on that many local processes (ignored when
    TCO_DASK_SCHEDULER names a cluster). Raises TcoError for an unknown id or a search
    larger than `MAX_CANDIDATES`.
    """
    catalogue = catalogue or builtin_catalogue()
    search = _Search(scenario, space or SearchSpace(), constraints or Constraints(), objective,
                     catalogue, top, workers)  # fmt: skip
    table = search.screen(progress)
    verdict = search.verdict(table)
    keeps = verdict.keeps_all
    order = _order(table, objective, keeps)
    ranked = search.confirm(table, order)
    describe = lambda row: search.describe(table, row)  # noqa: E731
    rejected = [
        Rejection(
            accelerator_id=part,
            label=catalogue.accelerators[part].label,
            binding=words,
            reason=one_sentence(sentence),
        )
        for part, words, sentence in rejections(
            search.groups, table, verdict, search.constraints, catalogue, describe
        )
    ]
    why = None
    if order.size > 1:
        parts = np.array([search.groups[g].accelerator_id for g in table.group[order]])
        other = np.flatnonzero(parts != parts[0])
        runner_up = int(order[other[0]]) if other.size else int(order[1])
        winner = search.scenario_of(table, int(order[0]))
        why = compare(search.scenario_of(table, runner_up), winner, catalogue)
    return OptimiseResult(
        objective=objective,
        candidates=search.total,
        runnable=len(table),
        within_limits=int(keeps.sum()),
        ranked=ranked,
        rejections=rejected,
        pareto_power=search.pareto(table, np.flatnonzero(keeps), "facility_mw"),
        pareto_co2e=search.pareto(table, np.flatnonzero(keeps), "gco2e_per_million_tokens"),
        why=why,
        winner=search.scenario_of(table, int(order[0])) if order.size else None,
        infeasible_reason=None if order.size else search.nothing_fits(table, verdict),
        not_searched=list(NOT_SEARCHED),
    )
