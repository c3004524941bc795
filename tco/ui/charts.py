"""Putting the product's figures on a page, in the normal or the presentation style."""

import re
from datetime import date

import plotly.graph_objects as go
import streamlit as st

from tco.models import Scenario
from tco.present import figures
from tco.ui import state
from tco.ui.data import catalogue

NARROW_FOOTNOTE_CHARS = 42  # the Overview breakdown: a 40 % column less its long bar labels
CATALOGUE_FOOTNOTE = "Source: the inference-tco catalogue (vendor datasheets; see each part's row)."


def footnote(scenario: Scenario | None = None) -> str:
    """The assumptions line under a chart about ``scenario`` (or about the catalogue)."""
    if scenario is None:
        return f"{CATALOGUE_FOOTNOTE} {date.today().isoformat()}."
    return figures.assumptions_footnote(scenario, catalogue(), date.today())


def show(fig: go.Figure, *, key: str, alt: str | None = None, narrow: bool = False) -> None:
    """Render a figure with the product template intact (Streamlit's theme off).

    ``narrow``: the chart sits in a column of less than half the page; its footnote wraps
    shorter so it is not cut off.
    """
    if narrow:
        figures.rewrap_footnote(fig, NARROW_FOOTNOTE_CHARS)
    if state.presenting():
        figures.presentation(fig)
    title = fig.layout.title.text or "chart"
    st.plotly_chart(
        fig,
        theme=None,
        key=key,
        alt=alt or title,
        config={
            "displaylogo": False,
            "modeBarButtonsToRemove": ["lasso2d", "select2d"],
            "toImageButtonOptions": {
                "format": "png",
                "scale": 2,
                "filename": re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
            },
        },
    )
