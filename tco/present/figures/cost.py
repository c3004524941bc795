"""Charts of money: cost over time, the breakdown, cumulative cash and the A→B waterfall."""

import textwrap
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from tco.models import MonthResult
from tco.present.figures.template import (
    GREY,
    HEIGHT_PX,
    PALETTE,
    figure,
    make_room_for_legend,
    plain,
)
from tco.present.labels import component_label, is_capital
from tco.present.money import usd
from tco.present.numbers import finite


def cost_over_time(
    series: Mapping[str, Sequence[MonthResult]],
    *,
    api: tuple[str, Sequence[float]] | None = None,
    title: str = "Cost per million tokens over time",
    footnote: str = "",
) -> go.Figure:
    """Monthly cost per million tokens of one or more scenarios, with the serverless API
    price as a dashed line (``api``: its legend name and monthly values)."""
    fig = figure(title, "Month [month]", "Cost per million tokens [USD]", footnote)
    for name, months in series.items():
        fig.add_scatter(
            x=[m.month for m in months],
            y=[m.cost_usd_per_million_tokens for m in months],
            name=plain(name),
            mode="lines",
            line={"width": 3},
            hovertemplate="%{y:$,.3f} per M tokens<extra>%{fullData.name}</extra>",
        )
    if api is not None and all(finite(v) for v in api[1]):
        label, values = api
        fig.add_scatter(
            x=list(range(1, len(values) + 1)),
            y=list(values),
            name=plain(label),
            mode="lines",
            line={"dash": "dash", "color": GREY, "width": 2},
            hovertemplate="%{y:$,.3f} per M tokens<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(hovermode="x unified", showlegend=len(fig.data) > 1)
    return make_room_for_legend(fig)


def cost_breakdown(
    breakdown_usd: Mapping[str, float],
    *,
    title: str = "Where the money goes over the horizon",
    footnote: str = "",
) -> go.Figure:
    """Cost components over the horizon as bars, largest on top, capital vs operating [USD M]."""
    items = sorted(
        ((k, v) for k, v in breakdown_usd.items() if finite(v) and v > 0), key=lambda kv: kv[1]
    )
    total = sum(v for _, v in items) or 1.0
    fig = figure(title, "Cost over the horizon [USD million]", "", footnote)
    for group, color in (("Capital", PALETTE[0]), ("Operating", PALETTE[1])):
        mine = [(k, v) for k, v in items if is_capital(k) == (group == "Capital")]
        fig.add_bar(
            x=[v / 1e6 for _, v in mine],
            y=[component_label(k) for k, _ in mine],
            name=group,
            orientation="h",
            marker_color=color,
            text=[f"{v / total:.0%}" for _, v in mine],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: $%{x:,.2f} M<extra>" + group + "</extra>",
        )
    fig.update_yaxes(
        showgrid=False, categoryorder="array", categoryarray=[component_label(k) for k, _ in items]
    )
    fig.update_xaxes(showgrid=True, gridcolor="#E6E6E6")
    fig.update_layout(height=max(HEIGHT_PX, 140 + 30 * len(items)), bargap=0.3)
    return fig


def cumulative_cost(
    series: Mapping[str, Sequence[float]],
    *,
    months: Sequence[int],
    break_even_month: int | None = None,
    title: str = "Cumulative cash out",
    footnote: str = "",
) -> go.Figure:
    """Cumulative cost of scenarios month by month, with the break-even month marked [USD M]."""
    fig = figure(title, "Month [month]", "Cumulative cash out [USD million]", footnote)
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
        late = break_even_month > 0.6 * max(months, default=1)
        fig.add_vline(
            x=break_even_month,
            line={"dash": "dot", "color": GREY, "width": 2},
            annotation_text=f"Break-even: month {break_even_month}",
            annotation_position="top left" if late else "top right",
        )
    # the axis spans the horizon whatever the annotations: "month 1" never pushes it to −20
    fig.update_xaxes(range=[min(months, default=1), max(months, default=1)])
    fig.update_layout(hovermode="x unified")
    return make_room_for_legend(fig)


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
    fig = figure(title, "", "Cost per million tokens [USD]", footnote)
    fig.add_waterfall(
        x=[_wrapped(label) for label in labels],
        y=values,
        measure=measure,
        text=[
            f"{'+' if v > 0 else '−'}{usd(abs(v))}" if m == "relative" else usd(v)
            for v, m in zip(values, measure, strict=True)
        ],
        textfont={"size": 12},
        textposition="outside",
        cliponaxis=False,
        connector={"line": {"color": "#9A9A9A", "width": 1}},
        increasing={"marker": {"color": PALETTE[3]}},  # costs more: vermillion
        decreasing={"marker": {"color": PALETTE[2]}},  # costs less: green
        totals={"marker": {"color": PALETTE[0]}},
        hovertemplate="%{x}: %{y:$,.3f}<extra></extra>",
    )
    fig.update_xaxes(tickangle=0)
    # bars start at zero (issue 14, item 4): a 4 % difference must not look threefold
    fig.update_yaxes(rangemode="tozero")
    fig.update_layout(showlegend=False)
    return fig


WATERFALL_LABEL_CHARS = 12


def _wrapped(label: str) -> str:
    """A bar label broken into lines of about 12 characters, so neighbours never overlap."""
    return "<br>".join(textwrap.wrap(label, WATERFALL_LABEL_CHARS, break_long_words=False)) or label
