"""Catalogue: the accelerators, how they compare, SQL over them, and your own parts."""

from datetime import date

import streamlit as st

from tco.ui import accelerator_form, charts, generations, state
from tco.ui import catalogue_view as view
from tco.ui import market_view as market
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
    view.PRECISIONS,
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

tab_names = ["Table", "Compare specs", "Prices", "Generations"]
if not state.presenting():
    tab_names += ["SQL", "Your accelerators"]
# Only the open tab runs (its name is kept in the URL): the generations sweep and the
# charts cost nothing while another tab is open.
tabs = dict(zip(tab_names, st.tabs(tab_names, key="tab", bind="query-params"), strict=True))

with tabs["Table"]:
    if tabs["Table"].open:
        frame, config = view.parts_table(shown)
        st.dataframe(
            frame,
            hide_index=True,
            column_config=config,
            key="cat.table",
            height=min(40 + 35 * len(shown), 640),
        )
        st.caption(f"{len(shown)} of {len(parts)} accelerators. Click a column header to sort.")

with tabs["Compare specs"]:
    if tabs["Compare specs"].open:
        metric = st.segmented_control(
            "Compare",
            list(view.SPEC_METRICS),
            default=view.DEFAULT_SPEC,
            format_func=view.SPEC_METRICS.get,
            required=True,
            key="cat.metric",
        )
        spec_chart, flops_chart = view.spec_charts(shown, metric)
        charts.show(spec_chart, key="cat.spec_chart")
        charts.show(flops_chart, key="cat.flops_chart")

with tabs["Prices"]:
    if tabs["Prices"].open:
        cat, today = catalogue(), date.today()
        money_in = market.basis(state.current(), cat)
        st.caption(
            f"In {money_in.currency} at {money_in.year} prices (the scenario's currency and "
            "price year), converted from each price list's currency and year. ⚠ marks a "
            "figure more than 12 months old."
        )
        st.subheader("Buying")
        st.dataframe(
            market.purchase_frame(cat, shown, money_in, today), hide_index=True, key="cat.buy"
        )
        st.subheader("Renting")
        provider_col, area_col, terms_col = st.columns([3, 3, 2])
        providers = provider_col.multiselect(
            "Provider", sorted({r.provider for r in cat.cloud_prices}),
            format_func=lambda p: market.PROVIDER_NAMES.get(p, p), key="cat.providers",
        )  # fmt: skip
        areas = area_col.multiselect("Part of the world", market.AREA_CHOICES, key="cat.areas")
        commitment = terms_col.selectbox(
            "Terms", list(market.COMMITMENT_NAMES), format_func=market.COMMITMENT_NAMES.get,
            key="cat.terms",
        )  # fmt: skip
        rows = market.cloud_rows(
            cat, shown, providers=providers, areas=areas, commitment=commitment
        )
        if rows:
            charts.show(market.cloud_chart(cat, rows, money_in, commitment), key="cat.rent")
            st.dataframe(market.cloud_frame(cat, rows, money_in, today), hide_index=True)
        else:
            st.info("No cloud price matches these filters; clear one to see more.")

with tabs["Generations"]:
    if tabs["Generations"].open:
        scenario = state.current()
        served, left_out = generations.costs(scenario, shown)
        if served:
            charts.show(generations.chart(served, scenario), key="cat.generations")
        else:
            st.info("None of the parts shown can serve the current workload mix as set up.")
        if undated := generations.undated(served):
            st.caption(md(undated))
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
            accelerator_form.your_accelerators()
