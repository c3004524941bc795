"""`tco throughput`: the operating point (or the whole curve) of a model on a part."""

import argparse

from tco.cli.output import print_json, print_table, say
from tco.data.catalogue import builtin_catalogue
from tco.models.hardware import Precision
from tco.performance import ServingCase, operating_point, throughput_curve

COLUMNS = [
    "tensor_parallel",
    "replicas",
    "batch_size",
    "output_tokens_per_s_per_accelerator",
    "output_tokens_per_s_per_user",
    "ttft_ms",
    "tpot_ms",
    "bound",
    "power_w_per_accelerator",
    "joules_per_output_token",
]


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser(
        "throughput",
        help="tokens/s, latency and energy of a model served on an accelerator",
        description="Predict the operating point of one model on one accelerator type. "
        "Without latency limits: the maximum-throughput (offline) point.",
    )
    sub.add_argument("--model", required=True, help="model id (see `tco models`)")
    sub.add_argument("--accelerator", required=True, help="accelerator id (see `tco catalogue`)")
    sub.add_argument("--precision", required=True, help="bf16, fp16, fp8, fp4, int8 or int4")
    sub.add_argument("--input-tokens", type=int, required=True, help="mean prompt length")
    sub.add_argument("--output-tokens", type=int, required=True, help="mean generated length")
    sub.add_argument(
        "--system-accelerators", type=int, help="size of the machine (default: one system)"
    )
    sub.add_argument("--ttft-ms", type=float, help="p99 time-to-first-token limit [ms]")
    sub.add_argument("--tpot-ms", type=float, help="p99 time-per-output-token limit [ms]")
    sub.add_argument(
        "--curve", action="store_true", help="print the throughput-vs-interactivity curve"
    )
    sub.add_argument("--points", type=int, default=50, help="curve points (default 50)")
    sub.add_argument("--json", action="store_true", help="machine-readable output")
    sub.set_defaults(handler=_throughput)


def _throughput(args: argparse.Namespace) -> int:
    catalogue = builtin_catalogue()
    if args.curve and (args.ttft_ms is not None or args.tpot_ms is not None):
        raise ValueError("--curve spans every latency; drop --ttft-ms/--tpot-ms")
    case = ServingCase(
        llm=catalogue.get("models", args.model),
        accelerator=catalogue.get("accelerators", args.accelerator),
        precision=Precision.parse(args.precision),
        input_tokens=args.input_tokens,
        output_tokens=args.output_tokens,
        system_accelerators=args.system_accelerators,
        ttft_max_ms=args.ttft_ms,
        tpot_max_ms=args.tpot_ms,
    )
    if args.curve:
        records = [p.model_dump(mode="json") for p in throughput_curve(case, args.points)]
        reason = None if records else operating_point(case).infeasible_reason
        if args.json:
            print_json({"points": records, "infeasible_reason": reason})
        elif reason:
            say(f"infeasible: {reason}")
        else:
            print_table(records, COLUMNS)
        return 0
    point = operating_point(case)
    if args.json:
        print_json(point.model_dump(mode="json"))
    elif point.feasible:
        print_table([point.model_dump(mode="json")], COLUMNS)
    else:
        say(f"infeasible: {point.infeasible_reason}")
    return 0
