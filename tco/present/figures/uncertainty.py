"""Charts of uncertainty: the tornado of one input at a time and the Monte Carlo fan."""

from collections.abc import Sequence

import plotly.graph_objects as go

from tco.models import MonteCarloResult, TornadoBar
from tco.present.figures.template import HEIGHT_PX, PALETTE, figure
from tco.present.labels import input_range, input_value


def tornado(
    bars: Sequence[TornadoBar],
    *,
    base_usd_per_million_tokens: float,
    title: str = "Which inputs move the cost most",
    footnote: str = "",
) -> go.Figure:
    """Cost per million tokens at the low and high end of each input, widest swing on top."""
    ordered = sorted(bars, key=lambda b: b.swing_usd_per_million_tokens)
    labels = [f"{b.label} ({input_range(b.low_value, b.high_value, b.unit)})" for b in ordered]
    fig = figure(title, "Cost per million tokens [USD]", "", footnote)
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
                [input_value(end, b.unit), v]
                for end, b, v in zip(ends, ordered, values, strict=True)
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
    fig = figure(title, "Month [month]", "Cost per million tokens [USD]", footnote)
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
