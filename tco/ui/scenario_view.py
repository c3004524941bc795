"""The Scenario page's read-only parts: the headline above the form, the presentation table."""

import pandas as pd
import streamlit as st

from tco.models import Scenario
from tco.models.errors import TcoError
from tco.present import summary
from tco.ui import cached, components
from tco.ui.catalogue_view import summary_line
from tco.ui.data import catalogue
from tco.ui.fmt import md, money, number, power_kw


def headline(scenario: Scenario) -> None:
    """Four tiles of the current result, or why there is none."""
    try:
        result = cached.run(scenario)
    except TcoError as exc:
        st.error(f"This scenario cannot be computed: {md(str(exc))}", icon="🚫")
        return
    if not result.feasible:
        st.error(f"Cannot be served as set up: {md(result.infeasible_reason or '')}", icon="⚠️")
        return
    components.metric_row(
        [
            ("Cost per M tokens", money(result.cost_usd_per_million_tokens, result.currency),
             "Blended over the horizon; see the Overview for the detail."),
            ("Accelerators", number(result.accelerators), "Fleet in month 1."),
            ("Racks", number(result.racks), "Racks in month 1."),
            ("Facility power", power_kw(result.facility_power_kw),
             "IT power × PUE in month 1."),
        ]
    )  # fmt: skip


def choices(scenario: Scenario) -> pd.DataFrame:
    """The scenario's main choices in words (st.table renders Markdown: user text escaped)."""
    return pd.DataFrame(
        [(label, md(value)) for label, value in summary.choices(scenario, catalogue())],
        columns=["Choice", "Value"],
    )


def accelerator_line(scenario: Scenario) -> str:
    return md(summary_line(catalogue().accelerators[scenario.accelerator_id]))


def deployment_line(scenario: Scenario) -> str:
    return md(f"Deployment: {scenario.deployment.name} ({scenario.deployment.kind}).")
