"""Charts of hardware: throughput curves, the roofline, spec bars and generations."""

import statistics
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from tco.models import BOUND_LABELS, Accelerator, OperatingPoint, Precision
from tco.present.figures.template import GREY, HEIGHT_PX, PALETTE, figure, plain
from tco.present.numbers import finite, plain_number

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
    fig = figure(
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
    if finite(min_interactivity_tokens_per_s):
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


OFF_SCALE_RATIO = 5.0
"""A value more than this many times the median of its chart is off the scale [ratio]."""


def scale_limit(values: Sequence[float | None]) -> float | None:
    """The end of a value axis that keeps outliers from flattening every other bar, or None
    when no value is an outlier: 1.15 × the largest value within `OFF_SCALE_RATIO` × the
    median (e.g. Cerebras' 21,000 TB/s of on-wafer memory against 2-8 TB/s of HBM)."""
    shown = sorted(v for v in values if finite(v) and v > 0)
    if len(shown) < 3:
        return None
    within = [v for v in shown if v <= OFF_SCALE_RATIO * statistics.median(shown)]
    return 1.15 * within[-1] if len(within) < len(shown) else None


def _off_scale_text(values: Sequence[float | None], limit: float | None, unit: str) -> list[str]:
    """'21,000 TB/s, off the scale ▶' on the bars cut at the axis end, nothing on others."""
    return [
        f"{plain_number(v)} {unit}, off the scale ▶" if limit and finite(v) and v > limit else ""
        for v in values
    ]


def spec_bars(accelerators: Sequence[Accelerator], metric: str, *, footnote: str = "") -> go.Figure:
    """One spec across parts as horizontal bars, best-first; parts lacking it are left out.
    Outliers are cut at the axis end and labelled with their value (`scale_limit`)."""
    label, unit = SPEC_METRICS[metric]
    pairs = [(a, spec_value(a, metric)) for a in accelerators]
    rows = sorted(((a, v) for a, v in pairs if finite(v)), key=lambda av: av[1])
    values = [v for _, v in rows]
    limit = scale_limit(values)
    fig = figure(label, f"{label} [{unit}]", "", footnote)
    fig.add_bar(
        x=values,
        y=[plain(a.label) for a, _ in rows],
        orientation="h",
        marker_color=[_vendor_colour(a.vendor) for a, _ in rows],
        text=_off_scale_text(values, limit, unit),
        textposition="inside",
        insidetextanchor="end",
        hovertemplate="%{y}: %{x:,.4g} " + unit + "<extra></extra>",
    )
    fig.update_yaxes(showgrid=False)
    fig.update_xaxes(showgrid=True, gridcolor="#E6E6E6")
    if limit:
        fig.update_xaxes(range=[0, limit])
    fig.update_layout(height=max(HEIGHT_PX, 120 + 22 * len(rows)), showlegend=False)
    return fig


def flops_bars(accelerators: Sequence[Accelerator], *, footnote: str = "") -> go.Figure:
    """Dense tensor peaks per precision, grouped by part [TFLOPS; INT8 in TOPS]."""
    fig = figure("Dense peak per precision", "", "Dense peak [TFLOPS; INT8 in TOPS]", footnote)
    labels = [plain(a.label) for a in accelerators]
    limit = scale_limit([getattr(a, f) for a in accelerators for f in PRECISIONS])
    for field, precision in PRECISIONS.items():
        values = [getattr(a, field) for a in accelerators]
        fig.add_bar(
            x=labels,
            y=values,
            name=precision,
            text=_off_scale_text(values, limit, "TFLOPS"),
            textposition="inside",
            textangle=-90,
            insidetextanchor="end",
            hovertemplate="%{x}: %{y:,.0f}<extra>" + precision + "</extra>",
        )
    fig.update_layout(barmode="group", bargap=0.2)
    fig.update_xaxes(tickangle=-35)
    if limit:
        fig.update_yaxes(range=[0, limit])
    return fig


def generations(
    rows: Sequence[tuple[Accelerator, float]],
    *,
    title: str = "What each generation buys: cost per million tokens by launch year",
    footnote: str = "",
) -> go.Figure:
    """Cost per million tokens of the same workload mix on each part, by launch year."""
    fig = figure(title, "Launch year [year]", "Cost per million tokens [USD, log scale]", footnote)
    plotted = [(a, c) for a, c in rows if a.launch_year and finite(c) and c > 0]
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
    years = [a.launch_year for a, _ in plotted if a.launch_year is not None]
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
    fig = figure(
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
