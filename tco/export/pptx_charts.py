"""Native PowerPoint charts in the dashboard's style: data embedded, editable in PowerPoint.

Colours, text colour, grid and axis colours come from `tco.present.figures` (the one Plotly
template), so a chart in the deck looks like the chart on the page. Series and category
names pass through `sanitise.cell`: PowerPoint keeps each chart's data in an embedded
workbook, where a name starting with ``=`` would otherwise be stored as a formula.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_LABEL_POSITION,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from tco.export.sanitise import cell
from tco.present.figures import GREY, TEMPLATE

DECK_FONT = "Arial"
"""The last family of the dashboard's font stack (`figures.FONT_FAMILY`) is the one every
PowerPoint installation has; Inter and Segoe UI would be substituted on many machines."""
TEXT = TEMPLATE.layout.font.color
AXIS = TEMPLATE.layout.xaxis.linecolor
GRID = TEMPLATE.layout.yaxis.gridcolor

Box = tuple[int, int, int, int]
"""left, top, width, height [EMU]."""


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


@dataclass(frozen=True)
class Series:
    """One series: its name, values (None = no point) and look."""

    name: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False


def _data(
    categories: Sequence[str], series: Sequence[Series], number_format: str
) -> CategoryChartData:
    data = CategoryChartData(number_format=number_format)
    data.categories = [cell(c) for c in categories]
    for s in series:
        data.add_series(cell(s.name), list(s.values))
    return data


def _add_chart(
    slide: Slide, kind: XL_CHART_TYPE, box: Box, data: CategoryChartData | XyChartData
) -> Chart:
    """A chart in a new frame at ``box``."""
    left, top, width, height = map(Emu, box)
    # python-pptx 1.0 annotates add_chart too narrowly twice: it takes XY as well as category
    # data, and returns the graphic frame that holds the chart (as its docstring says)
    frame: GraphicFrame = slide.shapes.add_chart(kind, left, top, width, height, data)  # type: ignore[arg-type, assignment]
    return frame.chart


def _style(chart: Chart, *, legend: bool, value_title: str, category_title: str) -> None:
    chart.font.name = DECK_FONT
    chart.font.size = Pt(12)
    chart.font.color.rgb = rgb(TEXT)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    for axis, title in ((chart.value_axis, value_title), (chart.category_axis, category_title)):
        axis.format.line.color.rgb = rgb(AXIS)
        axis.has_major_gridlines = False
        axis.has_title = bool(title)
        if title:
            axis.axis_title.text_frame.text = title
            font = axis.axis_title.text_frame.paragraphs[0].runs[0].font
            font.size, font.bold, font.color.rgb = Pt(12), False, rgb(GREY)
    gridlines = chart.value_axis  # the value axis carries the grid in either orientation
    gridlines.has_major_gridlines = True
    gridlines.major_gridlines.format.line.color.rgb = rgb(GRID)
    gridlines.major_gridlines.format.line.width = Pt(0.75)


def line_chart(
    slide: Slide,
    box: Box,
    *,
    x_values: Sequence[float],
    series: Sequence[Series],
    value_title: str,
    x_title: str,
    number_format: str,
    x_major_unit: float | None = None,
) -> Chart:
    """Lines over a numeric x axis (months): an XY chart, so the axis ticks every
    ``x_major_unit`` in PowerPoint and LibreOffice alike. Dashed series for reference lines."""
    data = XyChartData()
    for spec in series:
        points = data.add_series(cell(spec.name), number_format=number_format)
        for x, y in zip(x_values, spec.values, strict=True):
            points.add_data_point(x, y)
    kind = XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS
    chart = _add_chart(slide, kind, box, data)
    _style(chart, legend=True, value_title=value_title, category_title=x_title)
    chart.value_axis.tick_labels.number_format = number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.minimum_scale = 0
    x_axis = chart.category_axis
    x_axis.minimum_scale, x_axis.maximum_scale = 0, max(x_values)
    if x_major_unit:
        x_axis.major_unit = x_major_unit
    x_axis.tick_labels.number_format = "0"
    x_axis.tick_labels.number_format_is_linked = False
    for plot_series, spec in zip(chart.plots[0].series, series, strict=True):
        plot_series.smooth = False
        line = plot_series.format.line
        line.color.rgb = rgb(spec.colour)
        line.width = Pt(2.0 if spec.dashed else 3.0)
        if spec.dashed:
            line.dash_style = MSO_LINE_DASH_STYLE.DASH
        plot_series.marker.style = XL_MARKER_STYLE.NONE
    return chart


def bar_chart(
    slide: Slide,
    box: Box,
    *,
    categories: Sequence[str],
    series: Sequence[Series],
    value_title: str,
    number_format: str,
    label_format: str | None = None,
    horizontal: bool = True,
    stacked: bool = False,
    overlap: int = 0,
    gap_width: int = 60,
    legend: bool = True,
    labels: bool = True,
) -> Chart:
    """Clustered bars (``overlap=100`` puts series on one bar position) or stacked bars,
    with value labels. The value axis starts at zero (PowerPoint and LibreOffice would
    otherwise start it near the smallest bar, so a 4 % difference looks threefold); a
    tornado moves the crossing with `cross_at` and sets its own range."""
    kind = {
        (True, False): XL_CHART_TYPE.BAR_CLUSTERED,
        (False, False): XL_CHART_TYPE.COLUMN_CLUSTERED,
        (True, True): XL_CHART_TYPE.BAR_STACKED,
        (False, True): XL_CHART_TYPE.COLUMN_STACKED,
    }[horizontal, stacked]
    data = _data(categories, series, number_format)
    chart = _add_chart(slide, kind, box, data)
    _style(chart, legend=legend, value_title=value_title, category_title="")
    chart.value_axis.tick_labels.number_format = number_format
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.minimum_scale = 0
    plot = chart.plots[0]
    plot.overlap = 100 if stacked else overlap
    plot.gap_width = gap_width
    plot.vary_by_categories = False
    for plot_series, spec in zip(plot.series, series, strict=True):
        plot_series.format.fill.solid()
        plot_series.format.fill.fore_color.rgb = rgb(spec.colour)
        plot_series.invert_if_negative = False
    if labels:
        plot.has_data_labels = True
        plot.data_labels.number_format = label_format or number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.size = Pt(11)
        plot.data_labels.font.color.rgb = rgb(TEXT)
    return chart


def cross_at(chart: Chart, value: float) -> None:
    """Bars grow from ``value`` instead of zero (a tornado around the base cost); category
    labels move to the low end of the value axis so they stay clear of the bars."""
    chart.value_axis.crosses_at = value
    chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW


def label_point(
    chart: Chart, series_index: int, point_index: int, text: str, *, left: bool = False
) -> None:
    """A text label on one point of a line (e.g. the break-even month), above it or, near
    the right edge, to its left."""
    point = chart.plots[0].series[series_index].points[point_index]
    label = point.data_label
    frame = label.text_frame
    frame.text = text
    font = frame.paragraphs[0].runs[0].font
    font.size, font.bold, font.color.rgb = Pt(12), True, rgb(TEXT)
    label.position = XL_LABEL_POSITION.LEFT if left else XL_LABEL_POSITION.ABOVE
    point.marker.style = XL_MARKER_STYLE.CIRCLE
    point.marker.size = 10
    point.marker.format.fill.solid()
    point.marker.format.fill.fore_color.rgb = rgb(TEXT)
