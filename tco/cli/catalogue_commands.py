"""`tco catalogue` and the listings: models, workloads, sites, cooling, deployments, purchase
and cloud prices."""

import argparse

from tco.cli.inputs import local_catalogue
from tco.cli.output import print_json, print_table, say
from tco.data.catalogue import builtin_catalogue
from tco.data.sql.sandbox import run_query

LISTINGS = {
    "models": (
        "LLMs",
        ["id", "name", "architecture", "total_params_b", "active_params_b", "layers"],
    ),
    "workloads": (
        "workload presets",
        [
            "id",
            "name",
            "model_id",
            "precision",
            "input_tokens",
            "output_tokens",
            "ttft_max_ms",
            "tpot_max_ms",
        ],
    ),
    "sites": (
        "sites",
        [
            "id",
            "name",
            "climate",
            "electricity_usd_per_kwh",
            "grid_gco2e_per_kwh",
            "construction_usd_per_w",
            "colocation_usd_per_kw_month",
        ],
    ),
    "cooling": (
        "cooling types",
        ["id", "name", "pue_typical", "max_rack_kw", "facility_capex_premium_frac"],
    ),
    "deployments": (
        "deployment presets",
        ["id", "name", "kind", "cloud_commitment", "default_cooling_id", "default_site_id"],
    ),
    "accelerator-prices": (
        "purchase prices (list, street, system splits and estimates)",
        ["accelerator_id", "price_kind", "price_usd", "system_name", "confidence", "as_of"],
    ),
    "cloud-prices": (
        "cloud prices by provider, region and commitment",
        [
            "provider",
            "region",
            "country",
            "instance_type",
            "accelerator_id",
            "accelerators_per_instance",
            "price_per_hour",
            "currency",
            "commitment",
            "as_of",
        ],
    ),
}
"""Command → (what it lists, the columns of its table); the catalogue table is the command
with hyphens as underscores."""
ACCELERATOR_COLUMNS = [
    "id",
    "vendor",
    "name",
    "memory_gb",
    "memory_bandwidth_tb_per_s",
    "bf16_dense_tflops",
    "fp8_dense_tflops",
    "fp4_dense_tflops",
    "tdp_w",
    "price_usd",
]


def register(commands: argparse._SubParsersAction) -> None:
    cat = commands.add_parser("catalogue", help="list accelerators, or run a read-only SQL query")
    cat.add_argument(
        "--sql", help='one SELECT over the catalogue tables, e.g. "SELECT id FROM accelerators"'
    )
    cat.add_argument("--json", action="store_true", help="machine-readable output")
    cat.set_defaults(handler=_catalogue)
    for name, (what, _) in LISTINGS.items():
        sub = commands.add_parser(name, help=f"list {what}")
        sub.add_argument("--json", action="store_true", help="machine-readable output")
        sub.set_defaults(handler=_listing, table=name)


def _catalogue(args: argparse.Namespace) -> int:
    if args.sql is not None:
        result = run_query(args.sql)
        if args.json:
            print_json(
                {"columns": result.columns, "rows": result.records(), "truncated": result.truncated}
            )
        else:
            print_table(result.records(), result.columns)
            if result.truncated:
                say(f"(cut at {len(result.rows)} rows)")
        return 0
    catalogue = local_catalogue()
    rows = [a.model_dump(mode="json") for a in catalogue.accelerators.values()]
    if args.json:
        print_json(rows)
    else:
        print_table(rows, ACCELERATOR_COLUMNS)
    return 0


def _listing(args: argparse.Namespace) -> int:
    table = args.table.replace("-", "_")
    rows = [row.model_dump(mode="json") for row in builtin_catalogue().rows(table)]
    if args.json:
        print_json(rows)
    else:
        print_table(rows, LISTINGS[args.table][1])
    return 0
