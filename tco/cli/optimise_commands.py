"""`tco optimise`: the best configuration for a scenario's mix within limits."""

import argparse
import os
import sys

from tco.analysis.optimise import DEFAULT_TOP, optimise
from tco.analysis.optimise.workers import where
from tco.cli.output import print_json, print_table
from tco.data.catalogue import builtin_catalogue
from tco.data.store import Store
from tco.io.scenario_files import load_scenario, load_scenario_file
from tco.models import Precision
from tco.models.errors import TcoError
from tco.models.optimise import OBJECTIVE_LABELS, Constraints, OptimiseResult, SearchSpace


def _list(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [item.strip() for item in text.split(",") if item.strip()]


def _numbers(text: str | None, kind: type, flag: str) -> list:
    try:
        return [kind(item) for item in _list(text) or []]
    except ValueError:
        raise TcoError(f"{flag}: expected comma-separated numbers, not {text!r}") from None


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser(
        "optimise",
        help="search part, precision, system size, cooling, density, site and deployment",
    )
    p.add_argument("scenario", help="scenario file (its mix, targets, demand and money)")
    p.add_argument(
        "--objective",
        choices=list(OBJECTIVE_LABELS),
        default="cost",
        help="what best means (default: cost per million tokens)",
    )
    p.add_argument("--power-cap-mw", type=float, help="most facility power at the site [MW]")
    p.add_argument("--capex-budget-usd", type=float, help="most cash spent on purchases [USD]")
    p.add_argument("--yearly-budget-usd", type=float, help="most total cost per year [USD]")
    p.add_argument("--floor-area-m2", type=float, help="most white space [m²]")
    p.add_argument(
        "--sovereign-countries", help="countries where sovereign workloads may run, e.g. DE,FR"
    )
    p.add_argument("--accelerators", help="parts to try (comma-separated ids; default: all)")
    p.add_argument("--precisions", help="precisions to try, e.g. fp8,fp4 (default: the mix's)")
    p.add_argument("--system-sizes", help="accelerators per system to try, e.g. 4,8")
    p.add_argument("--cooling", help="cooling ids to try (default: all)")
    p.add_argument("--rack-power-kw", help="planned rack powers to try [kW], e.g. 40,80")
    p.add_argument("--sites", help="site ids to try (default: all)")
    p.add_argument("--deployments", help="deployment presets to try (default: all)")
    p.add_argument("--hybrid-owned", help="owned shares to try for a hybrid, e.g. 0.4,0.6")
    p.add_argument("--top", type=int, default=DEFAULT_TOP, help="rows in the ranked table")
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="local processes (default: one per core)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_optimise)


def _space(args: argparse.Namespace) -> SearchSpace:
    space = SearchSpace(
        accelerator_ids=_list(args.accelerators),
        precisions=[Precision.parse(p) for p in _list(args.precisions) or []],
        system_sizes=_numbers(args.system_sizes, int, "--system-sizes"),
        cooling_ids=_list(args.cooling),
        rack_power_kw=_numbers(args.rack_power_kw, float, "--rack-power-kw"),
        site_ids=_list(args.sites),
        deployment_ids=_list(args.deployments),
    )
    if args.hybrid_owned is None:
        return space
    shares = _numbers(args.hybrid_owned, float, "--hybrid-owned")
    return SearchSpace.model_validate({**space.model_dump(), "hybrid_owned_fracs": shares})


def _optimise(args: argparse.Namespace) -> int:
    catalogue = builtin_catalogue().with_accelerators(Store().custom_accelerators())
    if args.scenario == "-":
        scenario = load_scenario(sys.stdin.buffer.read(), catalogue)
    else:
        scenario = load_scenario_file(args.scenario, catalogue)
    if not 1 <= args.top <= 100:
        raise TcoError("--top: between 1 and 100 rows")
    if not 1 <= args.workers <= 256:
        raise TcoError("--workers: between 1 and 256 processes")
    constraints = Constraints(
        power_cap_mw=args.power_cap_mw,
        capex_budget_usd=args.capex_budget_usd,
        yearly_budget_usd=args.yearly_budget_usd,
        floor_area_m2=args.floor_area_m2,
        sovereign_countries=_list(args.sovereign_countries) or [],
    )
    result = optimise(
        scenario,
        _space(args),
        constraints,
        args.objective,
        catalogue=catalogue,
        top=args.top,
        workers=args.workers,
    )
    if args.json:
        print_json(result.model_dump(mode="json"))
    else:
        _print(result)
    return 0


def _print(result: OptimiseResult) -> None:
    print(f"Objective: {OBJECTIVE_LABELS[result.objective]}; searched on {where()}")
    print(
        f"{result.candidates:,} configurations: {result.runnable:,} can run, "
        f"{result.within_limits:,} keep every limit"
    )
    if result.infeasible_reason:
        print(result.infeasible_reason)
    if result.ranked:
        print()
        print_table(
            [
                {"rank": r.rank, "configuration": r.label, **r.metrics.model_dump()}
                for r in result.ranked
            ],
            [
                "rank",
                "configuration",
                "cost_usd_per_million_tokens",
                "total_cost_usd",
                "site_peak_mw",
                "gco2e_per_million_tokens",
            ],
        )
    if result.why and result.why.feasible:
        print(f"\nWhy {result.why.b_name} beats {result.why.a_name}:")
        for step in result.why.steps:
            if abs(step.delta_usd_per_million_tokens) > 0:
                print(f"  {step.label}: {step.delta_usd_per_million_tokens:+.4g} USD per M tokens")
    if result.rejections:
        print("\nParts with nothing within the limits:")
        for rejection in result.rejections:
            print(f"  {rejection.reason}")
    print("\nNot searched yet: " + "; ".join(result.not_searched) + ".")
