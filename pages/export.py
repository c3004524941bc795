"""Export: the current scenario as a slide deck, chart images, data tables or a scenario file."""

import streamlit as st

from tco.ui import export_panel as panel
from tco.ui import state
from tco.ui.fmt import md

scenario = state.current()
st.title("Export")
st.caption(
    f"Scenario: **{md(scenario.name)}**"
    + (f" · for {md(scenario.customer_name)}" if scenario.customer_name else "")
)

compare = st.toggle(
    "Compare with the same mix under the opposite ownership",
    value=True,
    key="export.compare",
    help="Owned, colocated, edge or hybrid scenarios are compared with the same workload mix "
    "rented on demand; cloud scenarios with the mix owned on premises. The comparison and "
    "break-even slides need it.",
)

deck_tab, image_tab, data_tab, file_tab = st.tabs(
    ["Slide deck", "Chart images", "Data tables", "Scenario file"]
)

with deck_tab:
    st.write(
        "A 16:9 PowerPoint deck. Charts are native PowerPoint charts with their data "
        "embedded, so they stay editable; every slide carries the assumptions and the date."
    )
    panel.deck_sections(compare)

with image_tab:
    chart_col, format_col = st.columns(2)
    chart = chart_col.selectbox("Chart", panel.CHART_NAMES, key="export.chart")
    fmt = format_col.radio(
        "Format", panel.IMAGE_FORMATS, horizontal=True, key="export.image_format"
    )
    width_col, height_col, scale_col = st.columns(3)
    width = width_col.number_input("Width [px]", 400, 4000, 1920, step=80, key="export.width")
    height = height_col.number_input("Height [px]", 300, 3000, 1080, step=60, key="export.height")
    scale = scale_col.number_input(
        "Scale [×]",
        0.5,
        4.0,
        1.0,
        step=0.5,
        key="export.scale",
        help="PNG pixel density: 2 doubles width and height in pixels.",
    )
    panel.image_builder(scenario, chart, fmt, int(width), int(height), float(scale), compare)

with data_tab:
    panel.data_downloads(scenario, compare)

with file_tab:
    panel.scenario_downloads(scenario)
