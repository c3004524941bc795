"""The Scenario page's read-only parts: the headline above the form, the presentation table."""

import pandas as pd
import streamlit as st

from tco.models import Scenario
from tco.models.errors import TcoError
from tco.present import summary
from tco.ui import cached, components
from tco.ui.catalogue_view import summary_line
from tco.ui.data import catalogue
from tco.ui.fmt import md, money, number
from tco.ui.overview_view import facility_tile, rack_tile


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
            rack_tile(result, scenario),
            facility_tile(result, scenario),
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


NOT_FOR_RENTED = {
    "cooling": "Rented capacity runs in the provider's racks: cooling and rack power are "
    "theirs, and their energy is reported for information only (it is in the rental price).",
    "finance": "Rented capacity has no capital to finance or depreciate; the discount rate "
    "only discounts cash when this scenario is compared with owning.",
}


def not_applicable(section: str, scenario: Scenario) -> str | None:
    """Why a section's inputs do not apply to this scenario, if they do not."""
    return NOT_FOR_RENTED[section] if scenario.deployment.kind == "cloud" else None


def deployment_line(scenario: Scenario) -> str:
    return md(f"Deployment: {scenario.deployment.name} ({scenario.deployment.kind}).")
