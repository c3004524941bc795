"""Uncertainty: which inputs move the cost most, and the spread over time."""

import pandas as pd
import streamlit as st

from tco.models.errors import TcoError
from tco.present import figures
from tco.ui import cached, charts, components, state
from tco.ui.fmt import md, usd

SAMPLE_SIZES = [1_000, 5_000, 20_000]

scenario = state.current()
components.title("Uncertainty", scenario)
result = components.result_or_stop(scenario)
footnote = charts.footnote(scenario)

samples = st.segmented_control(
    "Monte Carlo samples",
    SAMPLE_SIZES,
    default=SAMPLE_SIZES[0],
    required=True,
    format_func=lambda n: f"{n:,}",
    key="unc.samples",
    help="More samples give smoother percentiles and take longer.",
)
try:
    with st.status(f"Running the tornado and {samples:,} Monte Carlo samples…") as status:
        status.write("Tornado: each input at the low and high end of its range.")
        bars = cached.tornado(scenario)
        status.write(f"Monte Carlo: {samples:,} draws of every input at once.")
        mc = cached.monte_carlo(scenario, samples)
        status.update(label="Uncertainty computed", state="complete", expanded=False)
except TcoError as exc:
    st.error(f"Uncertainty cannot be computed: {md(str(exc))}", icon="🚫")
    st.stop()

components.metric_row(
    [
        ("P10 per M tokens", usd(mc.horizon_p10_usd_per_million_tokens),
         "One in ten samples costs less than this over the horizon."),
        ("P50 (median)", usd(mc.horizon_p50_usd_per_million_tokens),
         "Half the samples cost less than this."),
        ("P90", usd(mc.horizon_p90_usd_per_million_tokens),
         "Nine in ten samples cost less than this."),
        ("This scenario", usd(result.cost_usd_per_million_tokens),
         "The deterministic figure the other pages show."),
    ]
)  # fmt: skip

charts.show(
    figures.fan_chart(mc, footnote=footnote + f" {mc.samples:,} samples, seed {mc.seed}."),
    key="unc.fan",
)
charts.show(
    figures.tornado(bars, base_usd_per_million_tokens=result.cost_usd_per_million_tokens,
                    footnote=footnote),
    key="unc.tornado",
)  # fmt: skip

with st.expander("Ranges and distributions sampled"):
    st.dataframe(
        pd.DataFrame(
            list(mc.distributions.items()),
            columns=["Input", "Distribution"],
        ),
        hide_index=True,
        key="unc.distributions",
    )
