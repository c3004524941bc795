"""`tco example` writes a complete scenario; `tco run` computes its cost."""

import argparse
import sys

from tco.analysis.uncertainty import DEFAULT_SEED, MAX_SAMPLES, monte_carlo, tornado
from tco.cli.inputs import load_scenarios, local_catalogue
from tco.cli.output import EXIT_UNBALANCED, print_json, print_table, say
from tco.data.presets import DEFAULT_ACCELERATOR_ID, DEFAULT_DEPLOYMENT_ID, example_scenario
from tco.engine import run
from tco.io.scenario_files import dump_scenario
from tco.models import Result
from tco.models.errors import TcoError


def register(commands: argparse._SubParsersAction) -> None:
    example = commands.add_parser(
        "example", help="print a complete scenario to start from (YAML; --json for JSON)"
    )
    example.add_argument(
        "--preset",
        default=DEFAULT_DEPLOYMENT_ID,
        help=f"deployment preset (see `tco deployments`); default {DEFAULT_DEPLOYMENT_ID}",
    )
    example.add_argument(
        "--accelerator",
        default=DEFAULT_ACCELERATOR_ID,
        help=f"accelerator id (see `tco catalogue`); default {DEFAULT_ACCELERATOR_ID}",
    )
    example.add_argument(
        "--workloads",
        help="comma-separated workload presets (see `tco workloads`); default: the whole mix",
    )
    example.add_argument("--json", action="store_true", help="JSON instead of YAML")
    example.set_defaults(handler=_example)

    run_parser = commands.add_parser("run", help="cost of a scenario file (YAML or JSON)")
    run_parser.add_argument("scenario", help="scenario file, or - for standard input")
    run_parser.add_argument("--json", action="store_true", help="machine-readable output")
    run_parser.add_argument(
        "--tornado", action="store_true", help="add each input's effect across its range"
    )
    run_parser.add_argument(
        "--monte-carlo",
        type=int,
        metavar="N",
        help=f"add P10/P50/P90 from N samples (1-{MAX_SAMPLES:,})",
    )
    run_parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="random seed for --monte-carlo"
    )
    run_parser.set_defaults(handler=_run)


def _example(args: argparse.Namespace) -> int:
    workload_ids = None
    if args.workloads is not None:
        workload_ids = [w.strip() for w in args.workloads.split(",") if w.strip()]
    catalogue = local_catalogue()
    scenario = example_scenario(args.preset, args.accelerator, workload_ids, catalogue)
    sys.stdout.write(dump_scenario(scenario, "json" if args.json else "yaml"))
    return 0


def _run(args: argparse.Namespace) -> int:
    [scenario], catalogue = load_scenarios([args.scenario])
    if args.monte_carlo is not None and not 1 <= args.monte_carlo <= MAX_SAMPLES:
        raise TcoError(f"--monte-carlo: N must be between 1 and {MAX_SAMPLES:,}")
    result = run(scenario, catalogue)
    if result.feasible:
        extra: dict[str, object] = {}
        if args.tornado:
            extra["tornado"] = tornado(scenario, catalogue)
        if args.monte_carlo is not None:
            extra["monte_carlo"] = monte_carlo(scenario, args.monte_carlo, args.seed, catalogue)
        result = result.model_copy(update=extra)
    if args.json:
        print_json(result.model_dump(mode="json"))
    else:
        _print_summary(result)
    if not result.balance.ok:
        say(f"tco: warning: {result.balance.message()}", file=sys.stderr)
        return EXIT_UNBALANCED
    return 0


def _print_summary(result: Result) -> None:
    if not result.feasible:
        say(f"{result.scenario_name}: infeasible: {result.infeasible_reason}")
        return
    y, c = result.currency_year, result.currency
    rows = [
        ("cost per million tokens", f"{c} {result.cost_usd_per_million_tokens:.4g} ({y})"),
        ("  input / output", f"{c} {result.cost_usd_per_million_input_tokens:.4g} / "
                             f"{result.cost_usd_per_million_output_tokens:.4g}"),
        ("  usage-based", f"{c} {result.usage_cost_usd_per_million_tokens:.4g}"),
        ("  serverless API (median)", "-" if result.api_usd_per_million_tokens is None
         else f"{c} {result.api_usd_per_million_tokens:.4g}"),
        ("accelerator-hour, all in", f"{c} {result.accelerator_hour_cost_usd:.4g}"),
        ("total cost over horizon", f"{c} {result.total_cost_usd:,.0f}"),
        ("accelerators (month 1 / peak)", f"{result.accelerators} / {result.peak_accelerators}"),
        ("racks / floor", f"{result.racks} / {result.floor_area_m2:,.0f} m²"),
        ("facility power, month 1", f"{result.facility_power_kw:,.1f} kW (PUE {result.pue:.3g})"),
        ("utilisation", f"{result.utilisation_frac:.0%}"),
        ("energy / CO2e", f"{result.energy_kwh:,.0f} kWh / {result.co2e_kg / 1000:,.1f} t"),
        ("break-even vs renting", "-" if result.break_even_month is None
         else f"month {result.break_even_month}"),
    ]  # fmt: skip
    say(result.scenario_name)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        say(f"  {label.ljust(width)}  {value}")
    say()
    print_table(
        [{"component": k, c: v} for k, v in result.breakdown_usd.items() if v > 0],
        ["component", c],
    )
    say()
    print_table(
        [w.model_dump() for w in result.workloads],
        ["id", "model_id", "accelerators", "cost_usd_per_million_tokens", "cost_share_frac"],
    )
    if result.tornado:
        say()
        columns = ["label", "low_value", "high_value", "cost_at_low_usd_per_million_tokens",
                   "cost_at_high_usd_per_million_tokens"]  # fmt: skip
        print_table([b.model_dump() for b in result.tornado], columns)
    if result.monte_carlo:
        mc = result.monte_carlo
        p10, p50, p90 = (mc.horizon_p10_usd_per_million_tokens,
                         mc.horizon_p50_usd_per_million_tokens,
                         mc.horizon_p90_usd_per_million_tokens)  # fmt: skip
        say(f"\nMonte Carlo ({mc.samples} samples, seed {mc.seed}): P10 / P50 / P90 = "
              f"{p10:.4g} / {p50:.4g} / {p90:.4g} {c} per million tokens")  # fmt: skip
    for warning in result.warnings:
        say(f"warning: {warning}")
