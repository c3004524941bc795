"""The product's charts: pure functions that return ``go.Figure``, by subject.

The dashboard, the PNG export and the deck all draw from here (template: the shared style;
cost, uncertainty, hardware: the charts). Every axis title carries its unit in brackets;
every chart can carry a footnote with the assumptions behind it.
"""

from tco.present.figures.cost import cost_breakdown, cost_over_time, cumulative_cost, waterfall
from tco.present.figures.hardware import (
    PRECISIONS,
    SPEC_METRICS,
    flops_bars,
    generations,
    roofline,
    spec_bars,
    spec_value,
    throughput_curves,
)
from tco.present.figures.template import (
    FONT_FAMILY,
    FOOTNOTE_LINE_CHARS,
    GREY,
    LARGE_HEIGHT_PX,
    PALETTE,
    TEMPLATE,
    add_footnote,
    assumptions_footnote,
    plain,
    presentation,
    rewrap_footnote,
)
from tco.present.figures.uncertainty import fan_chart, tornado

__all__ = [
    "FONT_FAMILY",
    "FOOTNOTE_LINE_CHARS",
    "GREY",
    "LARGE_HEIGHT_PX",
    "PALETTE",
    "PRECISIONS",
    "SPEC_METRICS",
    "TEMPLATE",
    "add_footnote",
    "assumptions_footnote",
    "cost_breakdown",
    "cost_over_time",
    "cumulative_cost",
    "fan_chart",
    "flops_bars",
    "generations",
    "plain",
    "presentation",
    "rewrap_footnote",
    "roofline",
    "spec_bars",
    "spec_value",
    "throughput_curves",
    "tornado",
    "waterfall",
]
