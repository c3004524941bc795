"""Charts of the Plan page: what a power budget buys per part, the optimiser's frontiers,
and a traffic log's load curve."""

from collections.abc import Sequence

import plotly.graph_objects as go

from tco.models.optimise import ParetoPoint
from tco.present.figures.template import PALETTE, figure, plain
from tco.present.money import Currency, money, unit


def tokens_per_mw(
    labels: Sequence[str], values: Sequence[float], *, budget: str, footnote: str = ""
) -> go.Figure:
    """Horizontal bars: tokens per day each part serves per MW of the budget, most first."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    fig = figure(
        f"Tokens per day per MW, {budget}", "Tokens per day per MW [tokens/day/MW]", "", footnote
    )
    fig.add_bar(
        x=[values[i] for i in order],
        y=[plain(labels[i]) for i in order],
        orientation="h",
        marker={"color": PALETTE[0]},
        hovertemplate="%{y}: %{x:,.3s} tokens per day per MW<extra></extra>",
    )
    fig.update_xaxes(rangemode="tozero")
    fig.update_layout(showlegend=False, height=max(360, 28 * len(values) + 140))
    return fig


def pareto(
    points: Sequence[ParetoPoint],
    *,
    x_title: str,
    title: str,
    currency: Currency,
    footnote: str = "",
) -> go.Figure:
    """The frontier: cost per million tokens against another axis, each point a configuration
    no other beats on both."""
    fig = figure(title, x_title, f"Cost per million tokens [{unit(currency)}]", footnote)
    fig.add_scatter(
        x=[p.value for p in points],
        y=[p.cost_usd_per_million_tokens for p in points],
        mode="lines+markers",
        line={"shape": "hv", "color": PALETTE[0]},
        marker={"size": 9},
        text=[plain(p.label) for p in points],
        customdata=[money(p.cost_usd_per_million_tokens, currency) for p in points],
        hovertemplate="%{text}<br>%{customdata} per million tokens · %{x:,.3g}<extra></extra>",
    )
    fig.update_xaxes(rangemode="tozero")
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(showlegend=False)
    return fig


def load_curve(
    start_s: Sequence[float],
    tokens_per_s: Sequence[float],
    mean_tokens_per_s: float,
    *,
    bin_words: str,
    footnote: str = "",
) -> go.Figure:
    """Tokens per second in each bin of the log, with its mean."""
    minutes = [s / 60 for s in start_s]
    fig = figure(
        f"Load over the log ({bin_words})",
        "Time from the first request [min]",
        "Load [tokens/s]",
        footnote,
    )
    fig.add_bar(
        x=minutes,
        y=list(tokens_per_s),
        marker={"color": PALETTE[0]},
        name="Load",
        hovertemplate="minute %{x:.0f}: %{y:,.0f} tokens/s<extra></extra>",
    )
    fig.add_hline(
        y=mean_tokens_per_s,
        line={"color": PALETTE[3], "dash": "dash"},
        annotation_text="mean",
        annotation_position="top right",
    )
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(showlegend=False)
    return fig
