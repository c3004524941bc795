"""The limits of a search: which candidates keep them, and what binds when none do.

Each numeric limit compares one screened figure with its cap: the ratio figure / cap is at
most 1 for a candidate that keeps it. When no configuration of a part keeps every limit,
the one that needs the least relaxation (the smallest of its largest ratios) names the
binding limit and by how much it is over. Sovereignty is a yes/no limit on the site.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from tco.analysis.optimise.screen import Table
from tco.analysis.optimise.space import Group
from tco.data.catalogue import Catalogue
from tco.models import Scenario
from tco.models.optimise import Constraints
from tco.present.money import usd
from tco.present.numbers import number

_SLACK = 1e-9


@dataclass(frozen=True)
class Limit:
    """A cap on one screened figure."""

    field: str
    """The `Constraints` field holding the cap."""
    metric: str
    """The screened figure it caps (tco.analysis.optimise.screen.METRICS)."""
    words: str
    show: Callable[[float], str]


def _mw(value: float) -> str:
    return number(value, 2, "MW")


def _m2(value: float) -> str:
    return number(value, 0, "m²")


LIMITS = (
    Limit("power_cap_mw", "site_peak_mw", "power cap", _mw),
    Limit("capex_budget_usd", "capex_usd", "capex budget", usd),
    Limit("yearly_budget_usd", "yearly_cost_usd", "yearly budget", lambda v: f"{usd(v)} a year"),
    Limit("floor_area_m2", "floor_area_m2", "floor-area limit", _m2),
)


@dataclass(frozen=True)
class Verdict:
    """Every candidate against every limit that is set."""

    ratios: dict[str, np.ndarray]
    """Limit field → figure / cap per candidate (≤ 1 keeps it)."""
    sovereign_ok: np.ndarray

    @property
    def keeps_all(self) -> np.ndarray:
        ok = self.sovereign_ok.copy()
        for ratio in self.ratios.values():
            ok &= ratio <= 1 + _SLACK
        return ok

    def worst(self) -> tuple[np.ndarray, np.ndarray]:
        """Per candidate: its largest ratio (0 if no limit is set) and which limit it is."""
        if not self.ratios:
            size = self.sovereign_ok.size
            return np.zeros(size), np.zeros(size, dtype=np.int64)
        stacked = np.stack(list(self.ratios.values()))
        return stacked.max(axis=0), stacked.argmax(axis=0)


def judge(
    table: Table,
    constraints: Constraints,
    scenario: Scenario,
    site_ids: list[str],
    catalogue: Catalogue,
) -> Verdict:
    """Which candidates keep which limits."""
    ratios = {}
    for limit in LIMITS:
        cap = getattr(constraints, limit.field)
        if cap is not None:
            ratios[limit.field] = table.metrics[limit.metric] / cap
    allowed = {c.strip().upper() for c in constraints.sovereign_countries}
    if allowed and any(w.sovereign for w in scenario.workloads):
        site_ok = np.array([catalogue.sites[s].country.upper() in allowed for s in site_ids])
        sovereign_ok = site_ok[table.site] if len(table) else np.zeros(0, dtype=bool)
    else:
        sovereign_ok = np.ones(len(table), dtype=bool)
    return Verdict(ratios, sovereign_ok)


def _over(limit: Limit, ratio: float, cap: float, closest: str) -> str:
    return (
        f"the {limit.words} binds: the closest configuration ({closest}) needs "
        f"{limit.show(ratio * cap)} against {limit.show(cap)} ({(ratio - 1) * 100:,.0f} % over)"
    )


def binding(
    rows: np.ndarray,
    verdict: Verdict,
    constraints: Constraints,
    describe: Callable[[int], str],
) -> tuple[str, str]:
    """(limit words, sentence tail) for candidates ``rows`` none of which keeps every limit.

    ``describe(row)`` names the closest candidate in words.
    """
    sovereign = rows[verdict.sovereign_ok[rows]]
    if sovereign.size == 0:
        countries = ", ".join(constraints.sovereign_countries)
        return "sovereignty", f"sovereignty binds: no site searched is in {countries}"
    worst, which = verdict.worst()
    best = int(sovereign[np.argmin(worst[sovereign])])
    field = list(verdict.ratios)[int(which[best])]
    limit = next(x for x in LIMITS if x.field == field)
    cap = float(getattr(constraints, field))
    return limit.words, _over(limit, float(worst[best]), cap, describe(best))


def rejections(
    groups: list[Group],
    table: Table,
    verdict: Verdict,
    constraints: Constraints,
    catalogue: Catalogue,
    describe: Callable[[int], str],
) -> list[tuple[str, str, str]]:
    """(accelerator id, binding limit, sentence) for every part with no candidate that
    keeps every limit, in search order."""
    keeps = verdict.keeps_all
    parts = list(dict.fromkeys(g.accelerator_id for g in groups))
    part_of_row = np.array([groups[g].accelerator_id for g in table.group], dtype=object)
    found = []
    for part_id in parts:
        name = catalogue.accelerators[part_id].label
        rows = np.flatnonzero(part_of_row == part_id) if len(table) else np.zeros(0, int)
        if rows.size and keeps[rows].any():
            continue
        if rows.size == 0:
            reasons = Counter(
                reason for g, reason in table.reasons.items() if groups[g].accelerator_id == part_id
            )
            reason = reasons.most_common(1)[0][0] if reasons else "no configuration was searched"
            found.append((part_id, "cannot run", f"{name} cannot serve this mix: {reason}"))
            continue
        words, tail = binding(rows, verdict, constraints, describe)
        found.append((part_id, words, f"{name}: {tail}."))
    return found
