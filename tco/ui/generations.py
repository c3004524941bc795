"""The current workload mix on every part of the catalogue: what each generation buys."""

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from tco.analysis.variants import build
from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError
from tco.models.variant import Variant
from tco.present import figures
from tco.ui import cached, charts
from tco.ui.data import catalogue, catalogue_key

Answer = tuple[list[tuple[Accelerator, float]], list[str]]
RENTED = "cloud-on-demand"
"""The deployment a part that is not sold is costed with when the scenario owns hardware."""
_MEMO_ENTRIES = 256


@st.cache_resource(show_spinner=False)
def _memo() -> dict[str, Answer]:
    """Finished sweeps by scenario, parts and catalogue: a rerun skips 30-odd cache lookups."""
    return {}


def costs(scenario: Scenario, parts: Sequence[Accelerator]) -> Answer:
    """(part, cost per million tokens) where the mix can be served, and why not elsewhere.

    Each part serves the scenario's mix as it is (precisions a part lacks fall back as in
    the Compare page); a part that is only rented (TPUs, Trainium, …) is costed on demand
    in the cloud when the scenario owns hardware, and named "…, rented". A progress bar
    shows the sweep while uncached parts are computed.
    """
    key = "|".join([scenario.model_dump_json(), catalogue_key(), *(p.id for p in parts)])
    memo = _memo()
    if key in memo:
        return memo[key]
    cat = catalogue()
    served, left_out = [], []
    bar = st.progress(0.0, text="Running the mix on every part…")
    for index, part in enumerate(parts):
        rented = scenario.deployment.owns_hardware and cat.rented_only(part.id)
        variant = Variant(accelerator_id=part.id, deployment_id=RENTED if rented else None)
        shown = part.model_copy(update={"name": f"{part.name.split(' (')[0]}, rented"})
        shown = shown if rented else part
        try:
            result = cached.run(build(variant, scenario, cat))
        except (TcoError, ValidationError) as exc:
            left_out.append(f"{part.label}: {exc}")
        else:
            if result.feasible:
                served.append((shown, result.cost_usd_per_million_tokens))
            else:
                left_out.append(f"{part.label}: {result.infeasible_reason}")
        bar.progress((index + 1) / len(parts), text=f"{index + 1} of {len(parts)} parts")
    bar.empty()
    if len(memo) >= _MEMO_ENTRIES:
        memo.clear()
    memo[key] = (served, left_out)
    return served, left_out


def chart(served: list[tuple[Accelerator, float]], scenario: Scenario) -> go.Figure:
    return figures.generations(served, footnote=charts.footnote(scenario))


def undated(served: list[tuple[Accelerator, float]]) -> str | None:
    """Parts left off the chart for want of a launch year, in one line (None if none)."""
    names = [a.label for a, _ in served if not a.launch_year]
    return (
        f"No launch year in the catalogue, so not on the chart: {', '.join(names)}."
        if names
        else None
    )
