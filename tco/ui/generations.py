"""The current workload mix on every part of the catalogue: what each generation buys."""

from collections.abc import Sequence

import streamlit as st
from pydantic import ValidationError

from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError
from tco.ui import cached
from tco.ui.data import catalogue, catalogue_key
from tco.ui.variants import Variant

Answer = tuple[list[tuple[Accelerator, float]], list[str]]
_MEMO_ENTRIES = 256


@st.cache_resource(show_spinner=False)
def _memo() -> dict[str, Answer]:
    """Finished sweeps by scenario, parts and catalogue: a rerun skips 30-odd cache lookups."""
    return {}


def costs(scenario: Scenario, parts: Sequence[Accelerator]) -> Answer:
    """(part, cost per million tokens) where the mix can be served, and why not elsewhere.

    Each part serves the scenario's mix as it is (precisions a part lacks fall back as in
    the Compare page); a progress bar shows the sweep while uncached parts are computed.
    """
    key = "|".join([scenario.model_dump_json(), catalogue_key(), *(p.id for p in parts)])
    memo = _memo()
    if key in memo:
        return memo[key]
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
                served.append((part, result.cost_usd_per_million_tokens))
            else:
                left_out.append(f"{part.label}: {result.infeasible_reason}")
        bar.progress((index + 1) / len(parts), text=f"{index + 1} of {len(parts)} parts")
    bar.empty()
    if len(memo) >= _MEMO_ENTRIES:
        memo.clear()
    memo[key] = (served, left_out)
    return served, left_out
