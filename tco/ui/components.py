"""Pieces several pages share: the title, a result or the reason there is none, metrics."""

import streamlit as st

from tco.models import Result, Scenario
from tco.models.errors import TcoError
from tco.ui import cached, state
from tco.ui.fmt import md


def title(text: str, scenario: Scenario | None = None) -> None:
    """The page title; in presentation mode the customer's name leads it."""
    scenario = scenario or state.current()
    customer = scenario.customer_name
    if state.presenting() and customer:
        st.title(f"{md(customer)}: {md(text)}")
    else:
        st.title(md(text))
    st.caption(md(scenario.name))


def result_or_stop(scenario: Scenario) -> Result:
    """The engine's result, or a one-line reason on the page and nothing further."""
    try:
        result = cached.run(scenario)
    except TcoError as exc:
        st.error(f"This scenario cannot be computed: {md(str(exc))}", icon="🚫")
        st.stop()
    if not result.feasible:
        reason = md(result.infeasible_reason or "")
        st.error(f"This scenario cannot be served as set up: {reason}", icon="⚠️")
        if not state.presenting():
            st.page_link("pages/scenario.py", label="Change the scenario", icon="🛠️")
        st.stop()
    return result


def metric_row(items: list[tuple[str, str, str]]) -> None:
    """A row of bordered metric tiles: (label, value, help)."""
    for column, (label, value, help_text) in zip(st.columns(len(items)), items, strict=True):
        column.metric(label, value, help=help_text, border=True)
