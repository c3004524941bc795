"""`tco plan`: what a power budget buys at a site, part by part."""

import argparse
import sys

from tco.analysis.power_budget import plan_budget
from tco.cli.output import print_json, print_table
from tco.data.catalogue import builtin_catalogue
from tco.data.presets import default_scenario
from tco.data.store import Store
from tco.io.scenario_files import load_scenario, load_scenario_file
from tco.models.planning import TOKENS_PER_USER_PER_DAY, BudgetPlan


def register(commands: argparse._SubParsersAction) -> None:
    p = commands.add_parser("plan", help="what a power budget buys: fleet, racks, tokens, cost")
    p.add_argument("--power-mw", type=float, required=True, help="the power budget [MW]")
    p.add_argument(
        "--it",
        action="store_true",
        help="the budget is IT power (default: facility power, cooling included)",
    )
    p.add_argument("--site", help="site id (default: the scenario's)")
    p.add_argument("--cooling", help="cooling id (default: the scenario's)")
    p.add_argument("--accelerator", help="one part (default: every part in the catalogue)")
    p.add_argument(
        "--tokens-per-user",
        type=float,
        default=TOKENS_PER_USER_PER_DAY,
        help=f"tokens one user asks for per day (default {TOKENS_PER_USER_PER_DAY:,.0f})",
    )
    p.add_argument("--scenario", help="scenario file for the mix and money (default: the default)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=_plan)


def _plan(args: argparse.Namespace) -> int:
    catalogue = builtin_catalogue().with_accelerators(Store().custom_accelerators())
    if args.scenario is None:
        scenario = default_scenario(catalogue)
    elif args.scenario == "-":
        scenario = load_scenario(sys.stdin.buffer.read(), catalogue)
    else:
        scenario = load_scenario_file(args.scenario, catalogue)
    plan = plan_budget(
        scenario,
        args.power_mw,
        basis="it" if args.it else "facility",
        site_id=args.site,
        cooling_id=args.cooling,
        accelerator_ids=None if args.accelerator is None else [args.accelerator],
        tokens_per_user_per_day=args.tokens_per_user,
        catalogue=catalogue,
    )
    if args.json:
        print_json(plan.model_dump(mode="json"))
    else:
        _print(plan)
    return 0


def _print(plan: BudgetPlan) -> None:
    print(
        f"{plan.power_mw:g} MW of {plan.basis} power at {plan.site_id}, {plan.cooling_id} "
        f"cooling; users at {plan.tokens_per_user_per_day:,.0f} tokens a day"
    )
    print_table(
        [row.model_dump(exclude={"scenario"}) for row in plan.rows if row.feasible],
        [
            "accelerator_id",
            "accelerators",
            "racks",
            "floor_area_m2",
            "facility_mw",
            "tokens_per_day",
            "users",
            "cost_usd_per_million_tokens",
        ],
    )
    for row in plan.rows:
        if not row.feasible:
            print(f"{row.label}: {row.reason}")
