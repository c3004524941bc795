"""Overview: the answer on the first screen, for the current (or the default) scenario."""

import streamlit as st

from tco.ui import charts, components, state
from tco.ui import overview_view as view
from tco.ui.fmt import md

scenario = state.current()
components.title("Cost of serving AI inference", scenario)
result = components.result_or_stop(scenario)

st.markdown(view.sentences(result, scenario))
for row in view.tiles(result, scenario):
    components.metric_row(row)

left, right = st.columns([3, 2])
with left:
    charts.show(view.cost_over_time(result, scenario), key="overview.cost_over_time")
with right:
    charts.show(view.breakdown(result, scenario), key="overview.breakdown", narrow=True)

if result.warnings and not state.presenting():
    with st.expander(f"Notes on this result ({len(result.warnings)})"):
        for warning in result.warnings:
            st.markdown(f"- {md(warning)}")
