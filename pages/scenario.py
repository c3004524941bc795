"""Scenario: every input, grouped, applied on change; saved scenarios."""

import pandas as pd
import streamlit as st

from tco.models.errors import TcoError
from tco.ui import cached, components, scenario_form, state, summary
from tco.ui import scenario_specs as specs
from tco.ui.catalogue_view import summary_line
from tco.ui.data import catalogue
from tco.ui.fmt import md, number, power_kw, usd
from tco.ui.saved import saved_scenarios

scenario = state.current()
components.title("Scenario", scenario)

try:
    result = cached.run(scenario)
except TcoError as exc:
    st.error(f"This scenario cannot be computed: {md(str(exc))}", icon="🚫")
else:
    if result.feasible:
        components.metric_row(
            [
                ("Cost per M tokens", usd(result.cost_usd_per_million_tokens),
                 "Blended over the horizon; see the Overview for the detail."),
                ("Accelerators", number(result.accelerators), "Fleet in month 1."),
                ("Racks", number(result.racks), "Racks in month 1."),
                ("Facility power", power_kw(result.facility_power_kw),
                 "IT power × PUE in month 1."),
            ]
        )  # fmt: skip
    else:
        st.error(f"Cannot be served as set up: {md(result.infeasible_reason or '')}", icon="⚠️")

if state.presenting():
    st.info("Inputs are hidden in presentation mode; switch it off in the sidebar to edit.")
    st.table(
        pd.DataFrame(  # st.table renders Markdown: user text goes in escaped
            [(label, md(value)) for label, value in summary.choices(scenario, catalogue())],
            columns=["Choice", "Value"],
        ),
        hide_index=True,
    )
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
    st.caption(md(summary_line(catalogue().accelerators[scenario.accelerator_id])))
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
    st.caption(md(f"Deployment: {scenario.deployment.name} ({scenario.deployment.kind})."))
    scenario_form.section("Deployment", specs.SITE + specs.deployment_fields(scenario))
with left, st.container(border=True):
    st.subheader("Cooling and density")
    scenario_form.section("Cooling", specs.COOLING)
with right, st.container(border=True):
    st.subheader("Finance")
    scenario_form.section("Finance", specs.FINANCE)
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
