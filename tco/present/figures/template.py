"""The product's chart style: one Plotly template, plain text, footnotes, presentation size.

Every figure in tco.present.figures starts from `figure()`, so the dashboard, the PNG
export and the deck share one look. Nothing here knows about Streamlit. Colours are the
Okabe–Ito palette, which stays distinguishable for the common forms of colour blindness [1].

[1] M. Okabe and K. Ito, "Color Universal Design (CUD): how to make figures and
    presentations that are friendly to colorblind people", 2008, jfly.uni-koeln.de/color.
"""

import html
import math
import textwrap
from datetime import date

import plotly.graph_objects as go

from tco.data.catalogue import Catalogue
from tco.models import Accelerator, Scenario

# Okabe–Ito, ordered so that the first colours differ most in lightness as well as hue.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)
GREY = "#6B6B6B"
FONT_FAMILY = "Inter, 'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif"
HEIGHT_PX = 440
LARGE_HEIGHT_PX = 620

TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "size": 14, "color": "#1F1F1F"},
        title={
            "font": {"size": 18},
            "x": 0,
            "xanchor": "left",
            "xref": "paper",
            "y": 0.98,
            "yanchor": "top",
            "yref": "container",
            "automargin": True,
            "pad": {"b": 12},
        },
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=HEIGHT_PX,
        margin={"l": 72, "r": 24, "t": 88, "b": 104},
        hoverlabel={"font": {"family": FONT_FAMILY, "size": 13}},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "bgcolor": "rgba(255,255,255,0)",
        },
        xaxis={
            "showgrid": False,
            "linecolor": "#9A9A9A",
            "ticks": "outside",
            "tickcolor": "#9A9A9A",
            "zeroline": False,
            "automargin": True,
            "title": {"standoff": 8},
        },
        yaxis={
            "gridcolor": "#E6E6E6",
            "linecolor": "#9A9A9A",
            "zeroline": False,
            "automargin": True,
            "rangemode": "tozero",
            "title": {"standoff": 8},
        },
    )
)


def plain(text: str) -> str:
    """Text Plotly shows as written: its HTML subset (``<b>``, ``<a href>``…) made inert.

    Plotly renders tags and entities in titles, legends, ticks, hover labels and annotations,
    so names a user typed (scenarios, workloads, their own parts) pass through here.
    """
    return html.escape(text, quote=False)


def figure(title: str, x_title: str, y_title: str, footnote: str) -> go.Figure:
    fig = go.Figure(layout={"template": TEMPLATE, "title": {"text": plain(title)}})
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    if footnote:
        add_footnote(fig, footnote)
    return fig


FOOTNOTE_LINE_CHARS = 80  # fits a chart in a 40 % column of a 1440 px screen


def add_footnote(fig: go.Figure, text: str, line_chars: int = FOOTNOTE_LINE_CHARS) -> go.Figure:
    """Write plain ``text`` under the plot, left-aligned, in small grey type, wrapped."""
    lines = textwrap.wrap(text, line_chars) or [""]
    fig.update_layout(margin_b=fig.layout.template.layout.margin.b + 15 * (len(lines) - 1))
    fig.add_annotation(
        text="<br>".join(plain(line) for line in lines),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-58,
        showarrow=False,
        align="left",
        font={"size": 11, "color": GREY},
        name="footnote",
    )
    return fig


def assumptions_footnote(scenario: Scenario, catalogue: Catalogue, today: date) -> str:
    """One line naming the choices behind a chart, for its footnote."""

    def name(table: str, item_id: str) -> str:
        row = getattr(catalogue, table).get(item_id)
        if row is None:
            return item_id
        return row.label if isinstance(row, Accelerator) else row.name

    finance = scenario.finance
    owned = [  # what applies only to hardware the customer owns
        name("cooling", scenario.cooling_id).split(" (")[0],
        f"{finance.hardware_life_years:g}-year life, {finance.wacc_frac:.0%} WACC",
    ]
    parts = [
        name("accelerators", scenario.accelerator_id),
        scenario.deployment.name,
        name("sites", scenario.site_id),
        *(owned if scenario.deployment.owns_hardware else []),
        f"{scenario.horizon_months} months",
        f"{finance.currency} at {finance.currency_year} prices",
    ]
    return "Assumptions: " + " · ".join(parts) + f". inference-tco, {today.isoformat()}."


def rewrap_footnote(fig: go.Figure, line_chars: int) -> go.Figure:
    """Wrap the footnote to ``line_chars`` characters, for a narrow column."""
    notes = [a for a in fig.layout.annotations if a.name == "footnote"]
    if notes:
        text = html.unescape(notes[0].text.replace("<br>", " "))
        fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "footnote"]
        fig.update_layout(margin_b=TEMPLATE.layout.margin.b)
        add_footnote(fig, text, line_chars)
    return fig


LEGEND_ROW_CHARS = 90
"""Characters of legend text that fit on one row of a full-width chart at 14 px [count]."""


def legend_rows(fig: go.Figure, font_px: float = 14) -> int:
    """Rows a horizontal legend above the plot takes: its entries' names (plus the symbol)
    against `LEGEND_ROW_CHARS`, scaled by the font size; 0 when no legend shows."""
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    if fig.layout.showlegend is False or (len(shown) < 2 and fig.layout.showlegend is not True):
        return 0
    chars = sum(len(str(t.name)) + 6 for t in shown)
    per_row = LEGEND_ROW_CHARS * 14 / font_px
    return max(1, math.ceil(chars / per_row))


def make_room_for_legend(fig: go.Figure, font_px: float = 14, title_px: float = 18) -> go.Figure:
    """A top margin that holds the title and every row of the legend above the plot, so a
    long legend never runs over the title (issue 14: presentation mode)."""
    rows = legend_rows(fig, font_px)
    needed = int(title_px * 2.2 + rows * font_px * 1.6 + 16)
    fig.update_layout(margin_t=max(TEMPLATE.layout.margin.t, needed))
    return fig


def presentation(fig: go.Figure) -> go.Figure:
    """The same figure for a meeting room: taller, with larger type."""
    fig.update_layout(
        height=max(LARGE_HEIGHT_PX, fig.layout.height or 0),
        font_size=18,
        title_font_size=24,
        hoverlabel_font_size=16,
        margin_b=(fig.layout.margin.b or TEMPLATE.layout.margin.b) + 24,
    )
    make_room_for_legend(fig, font_px=18, title_px=24)
    for annotation in fig.layout.annotations:
        if annotation.name == "footnote":
            annotation.font.size = 14
            annotation.yshift = -70
    return fig
