"""Export: the current scenario as a slide deck, chart images, data tables or a scenario file."""

import streamlit as st

from tco.export import chart_figures, formats, pptx_deck, tables
from tco.models.errors import TcoError
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
    offered = [s for s in pptx_deck.SECTIONS if compare or s not in ("comparison", "break-even")]
    sections = st.multiselect(
        "Slides",
        offered,
        default=[s for s in pptx_deck.DEFAULT_SECTIONS if s in offered],
        format_func=pptx_deck.SECTIONS.get,
        key="export.sections",
    )
    panel.deck_builder(scenario, pptx_deck.check_sections(sections) if sections else (), compare)

with image_tab:
    chart_col, format_col = st.columns(2)
    chart = chart_col.selectbox("Chart", chart_figures.CHART_NAMES, key="export.chart")
    fmt = format_col.radio("Format", ["png", "svg"], horizontal=True, key="export.image_format")
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
    try:
        report = panel.report(scenario, compare)
    except TcoError as exc:
        st.error(f"No data to export: {md(str(exc))}", icon="🚫")
    else:
        xlsx = formats.export_file(report, "xlsx")
        st.download_button(
            "All tables as XLSX (one sheet each)",
            xlsx.data,
            file_name=xlsx.filename,
            mime=xlsx.mime,
            key="export.xlsx",
            type="primary",
            icon="⬇️",
        )
        st.caption("Or one table as CSV (units in the headers):")
        for column, name in zip(
            st.columns(len(tables.TABLE_NAMES)), tables.TABLE_NAMES, strict=True
        ):
            exported = formats.export_file(report, "csv", table=name)
            column.download_button(
                name.capitalize(),
                exported.data,
                file_name=exported.filename,
                mime=exported.mime,
                key=f"export.csv.{name}",
            )

with file_tab:
    yaml_col, json_col = st.columns(2)
    for column, kind in ((yaml_col, "yaml"), (json_col, "json")):
        exported = formats.scenario_file(scenario, kind)
        column.download_button(
            f"Download as {kind.upper()}",
            exported.data,
            file_name=exported.filename,
            mime=exported.mime,
            key=f"export.scenario.{kind}",
        )
    panel.scenario_upload()
