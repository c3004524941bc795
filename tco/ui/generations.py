"""The current workload mix on every part of the catalogue: what each generation buys."""

from collections.abc import Sequence

import streamlit as st
from pydantic import ValidationError

from tco.errors import TcoError
from tco.models import Accelerator, Scenario
from tco.ui import cached
from tco.ui.data import catalogue
from tco.ui.variants import Variant


def costs(
    scenario: Scenario, parts: Sequence[Accelerator]
) -> tuple[list[tuple[Accelerator, float]], list[str]]:
    """(part, cost per million tokens) where the mix can be served, and why not elsewhere.

    Each part serves the scenario's mix as it is (precisions a part lacks fall back as in
    the Compare page); a progress bar shows the sweep while uncached parts are computed.
    """
    cat = catalogue()
    served, left_out = [], []
    bar = st.progress(0.0, text="Running the mix on every part…")
    for index, part in enumerate(parts):
        try:
            result = cached.run(Variant(accelerator_id=part.id).build(scenario, cat))
        except (TcoError, ValidationError) as exc:
            left_out.append(f"{part.label}: {exc}")
        else:
            if result.feasible:
                served.append((part, result.cost_per_million_tokens_usd))
            else:
                left_out.append(f"{part.label}: {result.infeasible_reason}")
        bar.progress((index + 1) / len(parts), text=f"{index + 1} of {len(parts)} parts")
    bar.empty()
    return served, left_out
