"""The product's charts: one Plotly template and pure functions that return ``go.Figure``.

The dashboard, the PNG export and the deck all draw from here, so nothing in this module
knows about Streamlit. Every axis title carries its unit in brackets; every chart can carry
a footnote with the assumptions behind it. Colours are the Okabe–Ito palette, which stays
distinguishable for the common forms of colour blindness [1].

[1] M. Okabe and K. Ito, "Color Universal Design (CUD): how to make figures and
    presentations that are friendly to colorblind people", 2008, jfly.uni-koeln.de/color.
"""

import html
import math
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date

import plotly.graph_objects as go

from tco.data.catalogue import Catalogue
from tco.models import (
    BOUND_LABELS,
    Accelerator,
    MonteCarloResult,
    MonthResult,
    OperatingPoint,
    Precision,
    Scenario,
    TornadoBar,
)

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

SPEC_METRICS: dict[str, tuple[str, str]] = {
    "memory_bandwidth_tb_per_s": ("Memory bandwidth", "TB/s"),
    "memory_gb": ("Memory", "GB"),
    "tdp_w": ("Board power", "W"),
    "usd_per_tb_per_s": ("Price per unit of bandwidth", "USD per TB/s"),
}
PRECISIONS: dict[str, str] = {
    "bf16_dense_tflops": "BF16",
    "fp8_dense_tflops": "FP8",
    "fp4_dense_tflops": "FP4",
    "int8_dense_tops": "INT8 (TOPS)",
}


def plain(text: str) -> str:
    """Text Plotly shows as written: its HTML subset (``<b>``, ``<a href>``…) made inert.

    Plotly renders tags and entities in titles, legends, ticks, hover labels and annotations,
    so names a user typed (scenarios, workloads, their own parts) pass through here.
    """
    return html.escape(text, quote=False)


def _figure(title: str, x_title: str, y_title: str, footnote: str) -> go.Figure:
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
    parts = [
        name("accelerators", scenario.accelerator_id),
        scenario.deployment.name,
        name("sites", scenario.site_id),
        name("cooling", scenario.cooling_id).split(" (")[0],
        f"{finance.hardware_life_years:g}-year life, {finance.wacc_frac:.0%} WACC",
        f"{scenario.horizon_months} months",
        f"USD {finance.currency_year}",
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


def presentation(fig: go.Figure) -> go.Figure:
    """The same figure for a meeting room: taller, with larger type."""
    fig.update_layout(
        height=max(LARGE_HEIGHT_PX, fig.layout.height or 0),
        font_size=18,
        title_font_size=24,
        hoverlabel_font_size=16,
        margin_b=(fig.layout.margin.b or TEMPLATE.layout.margin.b) + 24,
    )
    for annotation in fig.layout.annotations:
        if annotation.name == "footnote":
            annotation.font.size = 14
            annotation.yshift = -70
    return fig


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def cost_over_time(
    series: Mapping[str, Sequence[MonthResult]],
    *,
    api_usd_per_million_tokens: float | None = None,
    title: str = "Cost per million tokens over time",
    footnote: str = "",
) -> go.Figure:
    """Monthly cost per million tokens of one or more scenarios, with the API price as a line."""
    fig = _figure(title, "Month [month]", "Cost per million tokens [USD]", footnote)
    for name, months in series.items():
        fig.add_scatter(
            x=[m.month for m in months],
            y=[m.cost_usd_per_million_tokens for m in months],
            name=plain(name),
            mode="lines",
            line={"width": 3},
            hovertemplate="%{y:$,.3f} per M tokens<extra>%{fullData.name}</extra>",
        )
    if _finite(api_usd_per_million_tokens):
        fig.add_hline(
            y=api_usd_per_million_tokens,
            line={"dash": "dash", "color": GREY, "width": 2},
            annotation_text=f"Serverless API median ${api_usd_per_million_tokens:,.2f}",
            annotation_position="top right",
            annotation_font_color=GREY,
        )
    fig.update_layout(hovermode="x unified", showlegend=len(series) > 1)
    return fig


CAPITAL_COMPONENTS = frozenset(
    {"accelerators", "servers", "network", "storage", "installation", "facility"}
)
"""Breakdown components paid as capital (depreciation and return); the rest is operating."""


def cost_breakdown(
    breakdown_usd: Mapping[str, float],
    *,
    title: str = "Where the money goes over the horizon",
    footnote: str = "",
) -> go.Figure:
    """Cost components over the horizon as bars, largest on top, capital vs operating [USD M]."""
    items = sorted(
        ((k, v) for k, v in breakdown_usd.items() if _finite(v) and v > 0), key=lambda kv: kv[1]
    )
    total = sum(v for _, v in items) or 1.0
    fig = _figure(title, "Cost over the horizon [USD million]", "", footnote)
    for group, color in (("Capital", PALETTE[0]), ("Operating", PALETTE[1])):
        mine = [(k, v) for k, v in items if (k in CAPITAL_COMPONENTS) == (group == "Capital")]
        fig.add_bar(
            x=[v / 1e6 for _, v in mine],
            y=[_label(k) for k, _ in mine],
            name=group,
            orientation="h",
            marker_color=color,
            text=[f"{v / total:.0%}" for _, v in mine],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: $%{x:,.2f} M<extra>" + group + "</extra>",
        )
    fig.update_yaxes(
        showgrid=False, categoryorder="array", categoryarray=[_label(k) for k, _ in items]
    )
    fig.update_xaxes(showgrid=True, gridcolor="#E6E6E6")
    fig.update_layout(height=max(HEIGHT_PX, 140 + 30 * len(items)), bargap=0.3)
    return fig


def _label(key: str) -> str:
    """``facility_capital_usd`` → ``Facility capital``."""
    text = key.removesuffix("_usd").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def cumulative_cost(
    series: Mapping[str, Sequence[float]],
    *,
    months: Sequence[int],
    break_even_month: int | None = None,
    title: str = "Cumulative cash out",
    footnote: str = "",
) -> go.Figure:
    """Cumulative cost of scenarios month by month, with the break-even month marked [USD M]."""
    fig = _figure(title, "Month [month]", "Cumulative cash out [USD million]", footnote)
    for index, (name, values) in enumerate(series.items()):
        fig.add_scatter(
            x=list(months),
            y=[v / 1e6 for v in values],
            name=plain(name),
            mode="lines",
            line={"width": 3, "dash": "solid" if index % 2 == 0 else "dash"},
            hovertemplate="$%{y:,.2f} M<extra>%{fullData.name}</extra>",
        )
    if break_even_month is not None:
        fig.add_vline(
            x=break_even_month,
            line={"dash": "dot", "color": GREY, "width": 2},
            annotation_text=f"Break-even: month {break_even_month}",
            annotation_position="top left",
        )
    fig.update_layout(hovermode="x unified")
    return fig


def waterfall(
    start: tuple[str, float],
    steps: Sequence[tuple[str, float]],
    end: tuple[str, float],
    *,
    title: str = "What explains the difference",
    footnote: str = "",
) -> go.Figure:
    """A→B bridge: cost per million tokens of A, each step's change, cost of B [USD]."""
    labels = [plain(start[0]), *(plain(s[0]) for s in steps), plain(end[0])]
    values = [start[1], *(s[1] for s in steps), end[1]]
    measure = ["absolute", *("relative" for _ in steps), "total"]
    fig = _figure(title, "", "Cost per million tokens [USD]", footnote)
    fig.add_waterfall(
        x=labels,
        y=values,
        measure=measure,
        text=[
            f"{v:+,.3f}" if m == "relative" else f"{v:,.3f}"
            for v, m in zip(values, measure, strict=True)
        ],
        textposition="outside",
        cliponaxis=False,
        connector={"line": {"color": "#9A9A9A", "width": 1}},
        increasing={"marker": {"color": PALETTE[3]}},  # costs more: vermillion
        decreasing={"marker": {"color": PALETTE[2]}},  # costs less: green
        totals={"marker": {"color": PALETTE[0]}},
        hovertemplate="%{x}: %{y:$,.3f}<extra></extra>",
    )
    fig.update_xaxes(tickangle=0)
    fig.update_layout(showlegend=False)
    return fig


def tornado(
    bars: Sequence[TornadoBar],
    *,
    base_usd_per_million_tokens: float,
    title: str = "Which inputs move the cost most",
    footnote: str = "",
) -> go.Figure:
    """Cost per million tokens at the low and high end of each input, widest swing on top."""
    ordered = sorted(bars, key=lambda b: b.swing_usd_per_million_tokens)
    labels = [b.label for b in ordered]
    fig = _figure(title, "Cost per million tokens [USD]", "", footnote)
    for name, color, values, ends in (
        ("Input at its low end", PALETTE[0],
         [b.cost_at_low_usd_per_million_tokens for b in ordered], [b.low_value for b in ordered]),
        ("Input at its high end", PALETTE[1],
         [b.cost_at_high_usd_per_million_tokens for b in ordered], [b.high_value for b in ordered]),
    ):  # fmt: skip
        fig.add_bar(
            y=labels,
            x=[v - base_usd_per_million_tokens for v in values],
            base=base_usd_per_million_tokens,
            orientation="h",
            name=name,
            marker_color=color,
            customdata=[
                [f"{end:,.4g} {b.unit}", v] for end, b, v in zip(ends, ordered, values, strict=True)
            ],
            hovertemplate="%{y} = %{customdata[0]}: $%{customdata[1]:,.3f}<extra></extra>",
        )
    fig.add_vline(x=base_usd_per_million_tokens, line={"color": "#1F1F1F", "width": 1})
    fig.update_layout(barmode="overlay", height=max(HEIGHT_PX, 120 + 34 * len(ordered)))
    fig.update_yaxes(showgrid=False)
    fig.update_xaxes(showgrid=True, gridcolor="#E6E6E6", rangemode="normal")
    return fig


def fan_chart(
    mc: MonteCarloResult,
    *,
    title: str = "Cost per million tokens: P10, P50 and P90",
    footnote: str = "",
) -> go.Figure:
    """Monte Carlo spread over time: a P10–P90 band around the median."""
    fig = _figure(title, "Month [month]", "Cost per million tokens [USD]", footnote)
    fig.add_scatter(
        x=mc.months,
        y=mc.p90_usd_per_million_tokens,
        name="P90",
        mode="lines",
        line={"width": 0, "color": PALETTE[0]},
        hovertemplate="P90 %{y:$,.3f}<extra></extra>",
        showlegend=False,
    )
    fig.add_scatter(
        x=mc.months,
        y=mc.p10_usd_per_million_tokens,
        name="P10–P90",
        mode="lines",
        line={"width": 0, "color": PALETTE[0]},
        fill="tonexty",
        fillcolor="rgba(0,114,178,0.22)",
        hovertemplate="P10 %{y:$,.3f}<extra></extra>",
    )
    fig.add_scatter(
        x=mc.months,
        y=mc.p50_usd_per_million_tokens,
        name="Median (P50)",
        mode="lines",
        line={"width": 3, "color": PALETTE[0]},
        hovertemplate="P50 %{y:$,.3f}<extra></extra>",
    )
    fig.update_layout(hovermode="x unified")
    return fig


CURVE_DASHES = ("solid", "dash", "dot", "dashdot")
CURVE_MARKERS = ("circle", "square", "diamond", "triangle-up")


def throughput_curves(
    curves: Mapping[str, Sequence[OperatingPoint]],
    *,
    min_interactivity_tokens_per_s: float | None = None,
    title: str = "Throughput versus interactivity",
    footnote: str = "",
) -> go.Figure:
    """Per-accelerator throughput against tokens/s each user sees, one curve per part.

    Points further right are faster for each user; points higher up are cheaper per token.
    A dashed line marks the interactivity a latency target requires.
    """
    fig = _figure(
        title,
        "Interactivity: output tokens per second per user [tokens/s]",
        "Output tokens per second per accelerator [tokens/s]",
        footnote,
    )
    for index, (name, points) in enumerate(curves.items()):
        feasible = [p for p in points if p.feasible]
        fig.add_scatter(
            x=[p.output_tokens_per_s_per_user for p in feasible],
            y=[p.output_tokens_per_s_per_accelerator for p in feasible],
            name=plain(name),
            mode="lines+markers",
            # a dash and a marker per part too, so that parts with nearly equal curves
            # (H100 SXM and MI300X at FP8) stay visible on top of each other
            line={
                "width": 3,
                "color": PALETTE[index % len(PALETTE)],
                "dash": CURVE_DASHES[index % len(CURVE_DASHES)],
            },
            marker={"size": 7, "symbol": CURVE_MARKERS[index % len(CURVE_MARKERS)]},
            customdata=[[p.batch_size, BOUND_LABELS[p.bound], p.tensor_parallel] for p in feasible],
            hovertemplate=(
                "%{x:,.0f} tokens/s per user → %{y:,.0f} tokens/s per accelerator<br>"
                "batch %{customdata[0]}, TP %{customdata[2]}, limited by %{customdata[1]}"
                "<extra>%{fullData.name}</extra>"
            ),
        )
    if _finite(min_interactivity_tokens_per_s):
        fig.add_vline(
            x=min_interactivity_tokens_per_s,
            line={"dash": "dash", "color": GREY, "width": 2},
            annotation_text="Latency target",
            annotation_position="top right",
        )
    fig.update_xaxes(showgrid=True, gridcolor="#E6E6E6", rangemode="tozero")
    return fig


def spec_value(accelerator: Accelerator, metric: str) -> float | None:
    """One figure of a part for the spec charts; ``usd_per_tb_per_s`` is price ÷ bandwidth."""
    if metric == "usd_per_tb_per_s":
        price = accelerator.price_usd
        return price / accelerator.memory_bandwidth_tb_per_s if price else None
    return getattr(accelerator, metric)


def spec_bars(accelerators: Sequence[Accelerator], metric: str, *, footnote: str = "") -> go.Figure:
    """One spec across parts as horizontal bars, best-first; parts lacking it are left out."""
    label, unit = SPEC_METRICS[metric]
    rows = [(a, spec_value(a, metric)) for a in accelerators]
    rows = sorted(((a, v) for a, v in rows if _finite(v)), key=lambda av: av[1])
    fig = _figure(label, f"{label} [{unit}]", "", footnote)
    fig.add_bar(
        x=[v for _, v in rows],
        y=[plain(a.label) for a, _ in rows],
        orientation="h",
        marker_color=[_vendor_colour(a.vendor) for a, _ in rows],
        hovertemplate="%{y}: %{x:,.4g} " + unit + "<extra></extra>",
    )
    fig.update_yaxes(showgrid=False)
    fig.update_xaxes(showgrid=True, gridcolor="#E6E6E6")
    fig.update_layout(height=max(HEIGHT_PX, 120 + 22 * len(rows)), showlegend=False)
    return fig


def flops_bars(accelerators: Sequence[Accelerator], *, footnote: str = "") -> go.Figure:
    """Dense tensor peaks per precision, grouped by part [TFLOPS; INT8 in TOPS]."""
    fig = _figure("Dense peak per precision", "", "Dense peak [TFLOPS; INT8 in TOPS]", footnote)
    labels = [plain(a.label) for a in accelerators]
    for field, precision in PRECISIONS.items():
        fig.add_bar(
            x=labels,
            y=[getattr(a, field) for a in accelerators],
            name=precision,
            hovertemplate="%{x}: %{y:,.0f}<extra>" + precision + "</extra>",
        )
    fig.update_layout(barmode="group", bargap=0.2)
    fig.update_xaxes(tickangle=-35)
    return fig


def generations(
    rows: Sequence[tuple[Accelerator, float]],
    *,
    title: str = "What each generation buys: cost per million tokens by launch year",
    footnote: str = "",
) -> go.Figure:
    """Cost per million tokens of the same workload mix on each part, by launch year."""
    fig = _figure(title, "Launch year [year]", "Cost per million tokens [USD, log scale]", footnote)
    plotted = [(a, c) for a, c in rows if a.launch_year and _finite(c) and c > 0]
    for vendor in sorted({a.vendor for a, _ in plotted}):
        mine = [(a, c) for a, c in plotted if a.vendor == vendor]
        fig.add_scatter(
            x=[a.launch_year for a, _ in mine],
            y=[c for _, c in mine],
            name=plain(vendor),
            mode="markers+text",
            text=[plain(a.name.split(" (")[0]) for a, _ in mine],
            customdata=[plain(a.label) for a, _ in mine],
            textposition="top center",
            textfont={"size": 11},
            marker={"size": 12, "color": _vendor_colour(vendor), "line": {"width": 1}},
            hovertemplate="%{customdata} (%{x}): %{y:$,.3f} per M tokens<extra></extra>",
        )
    years = [a.launch_year for a, _ in plotted]
    fig.update_yaxes(type="log", rangemode="normal")
    fig.update_xaxes(dtick=1, showgrid=True, gridcolor="#F0F0F0")
    if years:
        fig.update_xaxes(range=[min(years) - 0.6, max(years) + 0.6])
    return fig


VENDOR_COLOURS = {
    "NVIDIA": PALETTE[2],
    "AMD": PALETTE[3],
    "Google": PALETTE[0],
    "Intel": PALETTE[5],
    "AWS": PALETTE[1],
    "Groq": PALETTE[4],
    "Cerebras": PALETTE[7],
}


def _vendor_colour(vendor: str) -> str:
    """A stable colour per vendor, so a part keeps its colour from chart to chart."""
    return VENDOR_COLOURS.get(vendor, GREY)


def roofline(
    accelerators: Sequence[Accelerator],
    precision: Precision,
    *,
    title: str = "Roofline: when memory bandwidth or compute sets the pace",
    footnote: str = "",
) -> go.Figure:
    """Attainable throughput against arithmetic intensity, from each part's datasheet.

    Below a part's ridge point (peak FLOPS ÷ bandwidth) a step waits for memory; above it,
    for compute [1]. Decoding one token reads every weight once for the whole batch, so its
    intensity is about 2 × batch ÷ bytes per weight FLOP/byte: small batches sit far left
    (bandwidth bound), long prompts far right (compute bound).

    [1] S. Williams, A. Waterman, D. Patterson, "Roofline: an insightful visual performance
        model for multicore architectures", Commun. ACM 52(4), 2009.
    """
    fig = _figure(
        title,
        "Arithmetic intensity [FLOP/byte, log scale]",
        f"Attainable {precision.value.upper()} throughput [TFLOPS, log scale]",
        footnote,
    )
    intensity = [10 ** (i / 20) for i in range(0, 81)]  # 1 to 10,000 FLOP/byte
    for accelerator in accelerators:
        peak = accelerator.peak_tflops(precision)
        if not peak:
            continue
        bandwidth = accelerator.memory_bandwidth_tb_per_s
        ridge = peak / bandwidth
        fig.add_scatter(
            x=intensity,
            y=[min(peak, x * bandwidth) for x in intensity],
            name=plain(accelerator.label),
            mode="lines",
            line={"width": 3},
            hovertemplate="%{x:,.0f} FLOP/byte → %{y:,.0f} TFLOPS<extra>%{fullData.name}"
            + f" (ridge {ridge:,.0f} FLOP/byte)</extra>",
        )
    # Shapes and annotations on log axes take log10 positions; a trace takes data values.
    top = max((a.peak_tflops(precision) or 0) for a in accelerators) or 1.0
    for batch in (1, 64):
        x = 2 * batch / precision.weight_bytes
        fig.add_scatter(
            x=[x, x],
            y=[1, top],
            mode="lines+text",
            text=["", f"decode, batch {batch}"],
            textposition="top right",
            textfont={"color": GREY, "size": 12},
            line={"dash": "dot", "color": GREY, "width": 1.5},
            showlegend=False,
            hoverinfo="skip",
        )
    fig.update_xaxes(type="log", dtick=1, showgrid=True, gridcolor="#F0F0F0")
    fig.update_yaxes(type="log", dtick=1, rangemode="normal")
    return fig
