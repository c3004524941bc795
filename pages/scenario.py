"""Scenario: every input, grouped, applied on change; saved scenarios."""

import streamlit as st

from tco.ui import components, scenario_form, scenario_view, state
from tco.ui import scenario_specs as specs
from tco.ui.saved import saved_scenarios

scenario = state.current()
components.title("Scenario", scenario)
scenario_view.headline(scenario)

if state.presenting():
    st.info("Inputs are hidden in presentation mode; switch it off in the sidebar to edit.")
    st.table(scenario_view.choices(scenario), hide_index=True)
    st.stop()

scenario_form.sync(scenario, specs.all_specs(scenario))

with st.container(border=True):
    st.subheader("Start from a preset")
    scenario_form.errors_for("Preset")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        scenario_form.widget(specs.DEPLOYMENT, "Preset", on_change=scenario_form.deployment_changed)
    right.button(
        "Reset to the default scenario",
        on_click=scenario_form.reset,
        key="scenario.reset",
    )
    scenario_form.section("Preset", [specs.NAME, specs.CUSTOMER], show_errors=False)

with st.container(border=True):
    st.subheader("Hardware")
    scenario_form.errors_for("Hardware")
    scenario_form.notes()
    scenario_form.widget(specs.ACCELERATOR, "Hardware", on_change=scenario_form.accelerator_changed)
    st.caption(scenario_view.accelerator_line(scenario))
    with st.expander("Advanced hardware settings"):
        scenario_form.section("Advanced hardware", specs.HARDWARE_ADVANCED, columns=3)

with st.container(border=True):
    st.subheader("Workloads")
    st.caption(
        "One row per kind of request. Shares are of all tokens and must sum to 100 %; "
        "add rows with the + under the table, delete with the row's checkbox."
    )
    scenario_form.workload_editor()

left, right = st.columns(2)
with left, st.container(border=True):
    st.subheader("Deployment and site")
    st.caption(scenario_view.deployment_line(scenario))
    scenario_form.section("Deployment", specs.SITE + specs.deployment_fields(scenario))
with left, st.container(border=True):
    st.subheader("Cooling and density")
    if note := scenario_view.not_applicable("cooling", scenario):
        st.caption(note)
    scenario_form.section("Cooling", specs.cooling_fields(scenario))
with right, st.container(border=True):
    st.subheader("Finance")
    if note := scenario_view.not_applicable("finance", scenario):
        st.caption(note)
    scenario_form.section("Finance", specs.finance_fields(scenario))
with right, st.container(border=True):
    st.subheader("Demand and horizon")
    scenario_form.section("Demand", specs.DEMAND)

with st.expander("Advanced settings: costs around the accelerator, running costs, trends"):
    for group, group_specs in specs.ADVANCED.items():
        st.markdown(f"**{group}**")
        scenario_form.section(group, group_specs, columns=3)

with st.container(border=True):
    st.subheader("Saved scenarios")
    saved_scenarios()
