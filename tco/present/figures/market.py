"""Charts of the market: what one accelerator-hour costs to rent, by provider and region."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from tco.present.figures.template import GREY, PALETTE, figure, plain

PROVIDER_COLOURS: dict[str, str] = {
    "aws": PALETTE[1],
    "azure": PALETTE[0],
    "gcp": PALETTE[2],
    "oci": PALETTE[3],
    "lambda": PALETTE[4],
    "nebius": PALETTE[5],
    "coreweave": PALETTE[6],
    "cirrascale": PALETTE[7],
}
"""A stable colour per provider, so a provider keeps its colour from chart to chart."""


@dataclass(frozen=True)
class RentalPoint:
    """One provider's price for one part in one region, in one currency."""

    part: str
    provider: str
    provider_name: str
    place: str
    price_per_accelerator_hour: float


def rental_prices(
    points: Sequence[RentalPoint],
    *,
    unit: str,
    title: str = "What one accelerator-hour costs to rent, by provider and region",
    footnote: str = "",
) -> go.Figure:
    """One dot per provider and region for each part (log scale): the spread of rental prices.

    ``unit`` is the axis unit in words, e.g. 'USD per accelerator-hour'.
    """
    fig = figure(title, f"Price [{unit}, log scale]", "", footnote)
    parts: Mapping[str, None] = dict.fromkeys(p.part for p in points)
    for provider in sorted({p.provider for p in points}):
        mine = [p for p in points if p.provider == provider]
        fig.add_scatter(
            x=[p.price_per_accelerator_hour for p in mine],
            y=[plain(p.part) for p in mine],
            name=plain(mine[0].provider_name),
            mode="markers",
            marker={
                "size": 11,
                "color": PROVIDER_COLOURS.get(provider, GREY),
                "line": {"width": 1, "color": "white"},
                "opacity": 0.85,
            },
            customdata=[plain(p.place) for p in mine],
            hovertemplate="%{y}, %{customdata}: %{x:,.2f}<extra>%{fullData.name}</extra>",
        )
    fig.update_xaxes(type="log", showgrid=True, gridcolor="#F0F0F0")
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[plain(p) for p in reversed(list(parts))],
        title_text="",
    )
    fig.update_layout(height=max(360, 110 + 34 * len(parts)))
    return fig
