"""Compare: up to four scenarios side by side, over time, and what explains the difference."""

import streamlit as st

from tco.ui import charts, compare_view, components, state

scenario = state.current()
components.title("Compare scenarios", scenario)
if not state.presenting():
    compare_view.editor()

columns, problems = compare_view.compared(scenario)
components.warnings(problems)
if len(columns) < 2:
    st.info("Add a scenario that can be served to compare it with the current one (A).")
    st.stop()

st.dataframe(compare_view.table(columns), hide_index=True, key="compare.table")
note = compare_view.footnote(scenario)
charts.show(compare_view.cost_over_time(columns, note), key="compare.cost_over_time")

names = [c.name for c in columns[1:]]
target = st.selectbox("Explain the difference between A and", names, key="compare.target")
a, b = columns[0], columns[1 + names.index(target)]
left, right = st.columns(2)
with left:
    charts.show(compare_view.cumulative_cash(a, b, note), key="compare.cumulative", narrow=True)
with right:
    waterfall = compare_view.waterfall(a, b, note)
    if isinstance(waterfall, str):
        components.warnings([waterfall])
    else:
        charts.show(waterfall, key="compare.waterfall", narrow=True)
