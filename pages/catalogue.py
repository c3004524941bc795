"""Catalogue: the accelerators, how they compare, SQL over them, and your own parts."""

import streamlit as st

from tco.models import Precision
from tco.present import figures
from tco.ui import accelerator_form, charts, generations, state
from tco.ui import catalogue_view as view
from tco.ui.data import catalogue
from tco.ui.fmt import md
from tco.ui.sql_box import sql_box

parts = list(catalogue().accelerators.values())
st.title("Accelerator catalogue")
st.caption(
    f"{len(parts)} accelerators with datasheet figures (dense, not sparse) and prices; "
    "every row names its source."
)

vendor_col, precision_col, memory_col, sort_col = st.columns([2, 2, 2, 2])
vendors = vendor_col.multiselect("Vendor", sorted({a.vendor for a in parts}), key="cat.vendors")
precisions = precision_col.multiselect(
    "Must support",
    list(Precision),
    format_func=lambda p: p.value.upper(),
    key="cat.precisions",
    help="Show only parts with a tensor peak for every precision chosen.",
)
min_memory = memory_col.slider(
    "Memory at least [GB]", 0, 320, 0, step=8, key="cat.min_memory", help="Accelerator memory."
)
order = sort_col.selectbox("Sort by", list(view.SORTS), key="cat.sort")
search = st.text_input("Search by name or id", key="cat.search", max_chars=100)

shown = view.sort_accelerators(
    view.filter_accelerators(
        parts, vendors=vendors, min_memory_gb=min_memory, precisions=precisions, text=search
    ),
    order,
)
if not shown:
    st.info("No accelerator matches these filters; clear one to see more.")
    st.stop()

tab_names = ["Table", "Compare specs", "Generations"]
if not state.presenting():
    tab_names += ["SQL", "Your accelerators"]
# Only the open tab runs (its name is kept in the URL): the generations sweep and the
# charts cost nothing while another tab is open.
tabs = dict(zip(tab_names, st.tabs(tab_names, key="tab", bind="query-params"), strict=True))

with tabs["Table"]:
    if tabs["Table"].open:
        st.dataframe(
            view.table(shown),
            hide_index=True,
            column_config=view.column_config(),
            key="cat.table",
            height=min(40 + 35 * len(shown), 640),
        )
        st.caption(f"{len(shown)} of {len(parts)} accelerators. Click a column header to sort.")

with tabs["Compare specs"]:
    if tabs["Compare specs"].open:
        metric = st.segmented_control(
            "Compare",
            list(figures.SPEC_METRICS),
            default="memory_bandwidth_tb_per_s",
            format_func=lambda m: figures.SPEC_METRICS[m][0],
            required=True,
            key="cat.metric",
        )
        footnote = charts.footnote()
        charts.show(figures.spec_bars(shown, metric, footnote=footnote), key="cat.spec_chart")
        charts.show(figures.flops_bars(shown, footnote=footnote), key="cat.flops_chart")

with tabs["Generations"]:
    if tabs["Generations"].open:
        scenario = state.current()
        served, left_out = generations.costs(scenario, shown)
        if served:
            charts.show(
                figures.generations(served, footnote=charts.footnote(scenario)),
                key="cat.generations",
            )
        else:
            st.info("None of the parts shown can serve the current workload mix as set up.")
        undated = [a.label for a, _ in served if not a.launch_year]
        if undated:
            st.caption(
                md(f"No launch year in the catalogue, so not on the chart: {', '.join(undated)}.")
            )
        if left_out:
            with st.expander(f"{len(left_out)} parts cannot serve the current mix as set up"):
                for reason in left_out:
                    st.markdown(f"- {md(reason)}")

if "SQL" in tabs:
    with tabs["SQL"]:
        if tabs["SQL"].open:
            sql_box()
    with tabs["Your accelerators"]:
        if tabs["Your accelerators"].open:
            accelerator_form.list_and_remove()
            with st.expander("Add one accelerator by form"):
                accelerator_form.add_by_form()
            with st.expander("Add accelerators from a CSV file", expanded=True):
                accelerator_form.add_by_upload()
