"""Uncertainty: which inputs move the cost most, and the spread over time."""

import streamlit as st

from tco.ui import charts, components, state
from tco.ui import uncertainty_view as view
from tco.ui.fmt import md

scenario = state.current()
components.title("Uncertainty", scenario)
result = components.result_or_stop(scenario)

samples = st.segmented_control(
    "Monte Carlo samples",
    view.SAMPLE_SIZES,
    default=view.SAMPLE_SIZES[0],
    required=True,
    format_func=lambda n: f"{n:,}",
    key="unc.samples",
    help="More samples give smoother percentiles and take longer.",
)
with st.status(f"Running the tornado and {samples:,} Monte Carlo samples…") as status:
    spread = view.spread(scenario, samples, status.write)
    status.update(label="Uncertainty computed", state="complete", expanded=False)
if isinstance(spread, str):
    st.error(f"Uncertainty cannot be computed: {md(spread)}", icon="🚫")
    st.stop()

components.metric_row(view.tiles(spread.monte_carlo, result))
charts.show(view.fan(spread.monte_carlo, scenario), key="unc.fan")
charts.show(view.tornado(spread.bars, result, scenario), key="unc.tornado")

with st.expander("Ranges and distributions sampled"):
    st.dataframe(view.distributions(spread.monte_carlo), hide_index=True, key="unc.distributions")
