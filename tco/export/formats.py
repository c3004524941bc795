"""One entry point for every export format, shared by `tco export` and the Export page.

Each call returns an `ExportFile`: the bytes, a file name made safe from the scenario name,
and the MIME type for a download.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeGuard, get_args

from tco.export import chart_figures, images, pptx_deck, tables
from tco.export.report import Report
from tco.export.sanitise import filename
from tco.io.scenario_files import dump_scenario
from tco.models import Scenario
from tco.models.errors import TcoError

Format = Literal["pptx", "png", "svg", "csv", "xlsx", "json", "yaml"]
MIME: dict[str, str] = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "png": "image/png",
    "svg": "image/svg+xml",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "yaml": "application/yaml",
}
FORMATS = tuple(MIME)
ScenarioFormat = Literal["json", "yaml"]
SCENARIO_FORMATS: tuple[ScenarioFormat, ...] = get_args(ScenarioFormat)
DEFAULT_CHART = "cost-over-time"
DEFAULT_TABLE = "timeline"


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    filename: str
    mime: str


def is_scenario_format(fmt: str) -> TypeGuard[ScenarioFormat]:
    return fmt in SCENARIO_FORMATS


def is_image_format(fmt: str) -> TypeGuard[images.ImageFormat]:
    return fmt in get_args(images.ImageFormat)


def scenario_file(scenario: Scenario, fmt: ScenarioFormat) -> ExportFile:
    """The scenario as a YAML or JSON file that `tco.io.scenario_files` reads back."""
    text = dump_scenario(scenario, fmt)
    return ExportFile(text.encode("utf-8"), f"{filename(scenario.name)}.{fmt}", MIME[fmt])


def export_file(
    report: Report,
    fmt: str,
    *,
    chart: str | None = None,
    table: str | None = None,
    sections: Sequence[str] = pptx_deck.DEFAULT_SECTIONS,
    width: int = images.DEFAULT_WIDTH_PX,
    height: int = images.DEFAULT_HEIGHT_PX,
    scale: float = 1.0,
    renderer: images.Renderer | None = None,
) -> ExportFile:
    """The report in ``fmt``; ``chart`` picks the PNG/SVG chart, ``table`` the CSV table."""
    if fmt not in MIME:
        raise TcoError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if chart is not None and fmt not in ("png", "svg"):
        raise TcoError("a chart is chosen for png or svg only")
    if table is not None and fmt != "csv":
        raise TcoError("a table is chosen for csv only (xlsx holds every table)")
    stem = filename(report.scenario.name)
    if is_scenario_format(fmt):
        return scenario_file(report.scenario, fmt)
    if fmt == "pptx":
        data = pptx_deck.build_deck(report, sections, renderer=renderer)
    elif is_image_format(fmt):
        chart = chart or DEFAULT_CHART
        figure = chart_figures.chart(report, chart)
        data = images.figure_image(
            figure, fmt, width=width, height=height, scale=scale, renderer=renderer
        )
        stem = f"{stem}-{chart}"
    elif fmt == "csv":
        table = table or DEFAULT_TABLE
        if table not in tables.TABLE_NAMES:
            raise TcoError(
                f"unknown table {table!r}; choose one of {', '.join(tables.TABLE_NAMES)}"
            )
        data = tables.csv_bytes(report, table)
        stem = f"{stem}-{table}"
    else:
        data = tables.xlsx_bytes(report)
    return ExportFile(data, f"{stem}.{fmt}", MIME[fmt])
