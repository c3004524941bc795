"""Overview: the answer on the first screen, for the current (or the default) scenario."""

import streamlit as st

from tco.present import figures
from tco.ui import charts, components, state, summary
from tco.ui.data import catalogue
from tco.ui.fmt import md, number, power_kw, usd

scenario = state.current()
components.title("Cost of serving AI inference", scenario)
result = components.result_or_stop(scenario)
accelerator = catalogue().get("accelerators", scenario.accelerator_id)
footnote = charts.footnote(scenario)

st.markdown(md(summary.summary(result, scenario, accelerator.label)))

help_of = {name: info.description for name, info in type(result).model_fields.items()}
components.metric_row(
    [
        ("Cost per M tokens", usd(result.cost_usd_per_million_tokens),
         "Blended over input and output tokens and over the horizon; idle hours included."),
        ("Input, per M tokens", usd(result.cost_usd_per_million_input_tokens),
         "Cost per million prompt tokens."),
        ("Output, per M tokens", usd(result.cost_usd_per_million_output_tokens),
         "Cost per million generated tokens."),
        ("Accelerators", number(result.accelerators), help_of["accelerators"]),
        ("Racks", number(result.racks), "Racks in month 1 at the planned rack power."),
    ]
)  # fmt: skip
components.metric_row(
    [
        ("Facility power", power_kw(result.facility_power_kw),
         help_of["facility_power_kw"]),
        ("Capex", usd(result.capex_usd), help_of["capex_usd"]),
        ("Opex per year", usd(result.opex_usd_per_year), help_of["opex_usd_per_year"]),
        ("Energy per token", number(result.joules_per_token, 2, "J"), help_of["joules_per_token"]),
        ("CO₂e per M tokens", number(result.gco2e_per_million_tokens, 1, "g"),
         "Grid emissions of the facility's energy per million tokens served [g CO₂e]."),
    ]
)  # fmt: skip

left, right = st.columns([3, 2])
with left:
    charts.show(
        figures.cost_over_time(
            {scenario.name: result.timeline},
            api_usd_per_million_tokens=result.api_usd_per_million_tokens,
            footnote=footnote,
        ),
        key="overview.cost_over_time",
    )
with right:
    charts.show(
        figures.cost_breakdown(
            result.breakdown_usd,
            title=f"Cost breakdown, {scenario.horizon_months} months",
            footnote=footnote,
        ),
        key="overview.breakdown",
        narrow=True,
    )

if result.warnings and not state.presenting():
    with st.expander(f"Notes on this result ({len(result.warnings)})"):
        for warning in result.warnings:
            st.markdown(f"- {md(warning)}")
