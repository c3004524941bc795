"""Everything an export shows, computed once: the scenario, its result and its counterparts.

The deck, the charts and the tables all read one `Report`, so a number on a slide is the
number in the spreadsheet and the number the engine returned.

Comparison scenarios default to one sensible counterpart, so the comparison and the
break-even always mean something: an owned, colocated, edge or hybrid scenario is compared
with the same workload mix rented on demand (the catalogue's ``cloud-on-demand``
deployment); a cloud scenario with the same mix owned on premises (``enterprise-on-prem``).
"""

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tco import engine
from tco.analysis import uncertainty
from tco.analysis.break_even import BreakEven, break_even
from tco.analysis.compare import compare
from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.models import Comparison, MonteCarloResult, Result, Scenario, TornadoBar
from tco.models.errors import TcoError
from tco.models.money import Currency
from tco.present.figures import assumptions_footnote
from tco.present.money import money

RENTED_COUNTERPART_ID = "cloud-on-demand"
OWNED_COUNTERPART_ID = "enterprise-on-prem"
MAX_COMPARISONS = 3


@dataclass(frozen=True)
class Compared:
    """One comparison scenario: its result, the A→B attribution, and how the main scenario's
    cumulative cash (A) crosses this one's (None if this one cannot run)."""

    scenario: Scenario
    result: Result
    attribution: Comparison
    break_even: BreakEven | None


@dataclass(frozen=True)
class Report:
    """The inputs and outputs every export of one scenario draws from."""

    scenario: Scenario
    result: Result
    comparisons: tuple[Compared, ...]
    tornado: tuple[TornadoBar, ...]
    monte_carlo: MonteCarloResult | None
    catalogue: Catalogue
    today: date

    @property
    def currency(self) -> Currency:
        """The currency of every money figure of the result (and of its comparisons)."""
        return self.result.currency

    def money(self, amount: float | None) -> str:
        """An amount of the result's currency as the pages write it: '$0.322', '€15.00 M'."""
        return money(amount, self.currency)

    @property
    def footnote(self) -> str:
        """The assumptions line every chart carries (the dashboard's own wording)."""
        return assumptions_footnote(self.scenario, self.catalogue, self.today)


def counterpart(scenario: Scenario, catalogue: Catalogue) -> Scenario:
    """The same workload mix under the opposite ownership: rented if owned, owned if rented."""
    if scenario.deployment.kind == "cloud":
        preset = catalogue.get("deployments", OWNED_COUNTERPART_ID)
        suffix = "owned on premises"
    else:
        preset = catalogue.get("deployments", RENTED_COUNTERPART_ID)
        suffix = "rented on demand"
    workloads = [w.model_copy(update={"sovereign": False}) for w in scenario.workloads]
    return Scenario.model_validate(
        {
            **dict(scenario),
            "name": f"{scenario.name[: 118 - len(suffix)]}, {suffix}",
            "deployment": preset.as_deployment(),
            "workloads": workloads,
        }
    )


def cash_break_even(main: Result, other: Result) -> BreakEven:
    """Crossings of the main scenario's cumulative cash (A) with another's (B)."""
    return break_even(
        [m.cumulative_cash_usd for m in main.timeline],
        [m.cumulative_cash_usd for m in other.timeline],
    )


def monte_carlo_of(report: Report) -> MonteCarloResult:
    """The report's Monte Carlo run (done now if it was not)."""
    if report.monte_carlo is not None:
        return report.monte_carlo
    return uncertainty.monte_carlo(report.scenario, catalogue=report.catalogue)


def with_monte_carlo(report: Report) -> Report:
    """The report with its Monte Carlo run (done now if it was not)."""
    if report.monte_carlo is not None:
        return report
    return dataclasses.replace(report, monte_carlo=monte_carlo_of(report))


def build_report(
    scenario: Scenario,
    catalogue: Catalogue | None = None,
    *,
    comparisons: Sequence[Scenario] | None = None,
    today: date | None = None,
    monte_carlo: bool = False,
) -> Report:
    """Run the engine for the scenario and its comparisons, plus the tornado.

    comparisons: scenarios to compare with; None = the counterpart (see module docstring),
    an empty sequence = none. Raises TcoError with one line when the main scenario is
    infeasible (a deck of an impossible configuration would be all blanks).
    """
    catalogue = catalogue or builtin_catalogue()
    result = engine.run(scenario, catalogue)
    if not result.feasible:
        raise TcoError(f"the scenario cannot be served: {result.infeasible_reason}")
    others = [counterpart(scenario, catalogue)] if comparisons is None else list(comparisons)
    if len(others) > MAX_COMPARISONS:
        raise TcoError(f"at most {MAX_COMPARISONS} comparison scenarios, got {len(others)}")
    compared = []
    for other in others:
        other_result = engine.run(other, catalogue)  # infeasible: the slide says why
        compared.append(
            Compared(
                other,
                other_result,
                compare(scenario, other, catalogue),
                cash_break_even(result, other_result) if other_result.feasible else None,
            )
        )
    return Report(
        scenario=scenario,
        result=result,
        comparisons=tuple(compared),
        tornado=tuple(uncertainty.tornado(scenario, catalogue)),
        monte_carlo=(
            uncertainty.monte_carlo(scenario, catalogue=catalogue) if monte_carlo else None
        ),
        catalogue=catalogue,
        today=today or date.today(),
    )
