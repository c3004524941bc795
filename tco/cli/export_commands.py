"""`tco export`: a scenario file as a deck, a chart image, a table, or a scenario file.

    tco export scenario.yaml --format pptx --out deck.pptx
    tco export scenario.yaml --format png --chart tornado --out tornado.png
    tco export scenario.yaml --format csv --table workloads --out workloads.csv

The output is written by `tco.export.destination`: a failed export leaves no half-written
file and an existing file untouched; devices and pipes (``--out /dev/null``) stay what they are.
"""

import argparse
import sys

from tco.cli.inputs import load_scenarios
from tco.cli.output import say
from tco.export import chart_figures, formats, images, pptx_deck, tables
from tco.export.destination import write_output
from tco.export.report import MAX_COMPARISONS, build_report
from tco.models.errors import TcoError


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export", help="a scenario as a PowerPoint deck, PNG/SVG chart, CSV/XLSX table or file"
    )
    parser.add_argument("scenario", help="scenario file (YAML or JSON), or - for standard input")
    parser.add_argument("--format", required=True, choices=formats.FORMATS, dest="fmt")
    parser.add_argument("--out", required=True, metavar="PATH", help="file to write, - = stdout")
    parser.add_argument(
        "--chart",
        choices=chart_figures.CHART_NAMES,
        help=f"png/svg: which chart (default {formats.DEFAULT_CHART})",
    )
    parser.add_argument(
        "--table",
        choices=tables.TABLE_NAMES,
        help=f"csv: which table (default {formats.DEFAULT_TABLE}); xlsx holds them all",
    )
    parser.add_argument(
        "--sections",
        help="pptx: comma-separated slides, from "
        + ", ".join(pptx_deck.SECTIONS)
        + " (default: all but uncertainty)",
    )
    parser.add_argument(
        "--compare",
        action="append",
        metavar="FILE",
        default=None,
        help=f"scenario to compare with (repeat, up to {MAX_COMPARISONS}); default: the same "
        "mix rented on demand (or owned, for a cloud scenario)",
    )
    parser.add_argument("--no-compare", action="store_true", help="no comparison scenario")
    parser.add_argument("--width", type=int, default=images.DEFAULT_WIDTH_PX, help="png/svg [px]")
    parser.add_argument("--height", type=int, default=images.DEFAULT_HEIGHT_PX, help="[px]")
    parser.add_argument("--scale", type=float, default=1.0, help="png: pixel density factor")
    parser.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> int:
    if args.compare and args.no_compare:
        raise TcoError("--compare and --no-compare exclude each other")
    sections = pptx_deck.DEFAULT_SECTIONS
    if args.sections is not None:
        if args.fmt != "pptx":
            raise TcoError("--sections applies to --format pptx only")
        sections = pptx_deck.check_sections(
            [s.strip() for s in args.sections.split(",") if s.strip()]
        )
    if "-" in (args.compare or []):
        raise TcoError("--compare needs a file; only the scenario itself may come from -")
    [scenario, *compared], catalogue = load_scenarios([args.scenario, *(args.compare or [])])
    if formats.is_scenario_format(args.fmt):
        write_output(args.out, formats.scenario_file(scenario, args.fmt).data)
        return 0
    comparisons = None
    if args.no_compare:
        comparisons = []
    elif args.compare:
        comparisons = compared
    report = build_report(scenario, catalogue, comparisons=comparisons)
    try:
        exported = formats.export_file(
            report,
            args.fmt,
            chart=args.chart,
            table=args.table,
            sections=sections,
            width=args.width,
            height=args.height,
            scale=args.scale,
        )
    finally:
        images.default_renderer().close()
    write_output(args.out, exported.data)
    if args.out != "-":
        say(f"wrote {args.out} ({len(exported.data):,} bytes)", file=sys.stderr)
    return 0
