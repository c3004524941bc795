"""Performance: throughput against interactivity, the roofline, and the MLPerf validation."""

import streamlit as st

from tco.ui import cached, charts, components, state
from tco.ui import performance_view as view
from tco.ui.data import catalogue

scenario = state.current()
cat = catalogue()
components.title("Performance", scenario)
st.caption(
    "How fast each part serves a model: the throughput model behind every cost figure "
    "(roofline of each serving step with calibrated efficiencies, memory-bounded batch, "
    "tensor parallelism, latency targets)."
)

workloads = {w.id: w for w in scenario.workloads}
left, middle, right = st.columns([2, 3, 1])
workload = workloads[
    left.selectbox(
        "Workload of the current scenario",
        list(workloads),
        format_func=lambda i: view.workload_label(workloads[i], cat),
        key="perf.workload",
    )
]
parts = middle.multiselect(
    "Accelerators",
    list(cat.accelerators),
    default=view.default_parts(scenario, cat),
    format_func=lambda i: cat.accelerators[i].label,
    max_selections=view.MAX_PARTS,
    key="perf.parts",
)
precision = view.as_precision(
    right.selectbox(
        "Precision",
        view.PRECISIONS,
        index=view.PRECISIONS.index(workload.precision.value),
        format_func=str.upper,
        key=f"perf.precision.{workload.id}",
    )
)
if not parts:
    st.info("Choose at least one accelerator.")
    st.stop()

progress = st.progress(0.0, text="Computing throughput curves…")
computed = view.curves(
    workload, parts, precision, cat, lambda done, text: progress.progress(done, text=text)
)
progress.empty()
components.warnings(computed.problems)
if computed.curves:
    charts.show(view.curves_figure(computed, workload, precision, cat), key="perf.curves")
    st.markdown("**At the workload's latency targets**")
    st.dataframe(view.points_table(computed.points, workload), hide_index=True, key="perf.points")

st.subheader("Memory bound or compute bound?")
explain, chart = st.columns([2, 3])
explain.markdown(
    "Generating a token reads every weight of the model once, whatever the batch size, "
    "and does about 2 floating-point operations per weight **per sequence in the batch**. "
    "With few sequences, the step waits for memory: throughput follows the **memory "
    "bandwidth** (the slanted part of each roofline). Batching more sequences raises the "
    "operations per byte read until the part's **ridge point**, after which **compute** sets "
    "the pace. Reading a long prompt (prefill) is compute bound from the start.\n\n"
    "Bigger batches mean more tokens per second per accelerator (cheaper tokens) but a longer "
    "step for each user (less interactivity): the curve above is that trade-off, and the "
    "latency targets decide where on it a workload may run."
)
with chart:
    charts.show(view.roofline_figure(parts, precision, cat), key="perf.roofline")

st.subheader("Validation against MLPerf Inference")
rows = cached.validation()
st.markdown(view.validation_intro(rows))
st.dataframe(
    view.validation_table(rows),
    hide_index=True,
    key="perf.validation",
    column_config={
        "Error [%]": st.column_config.NumberColumn("Error [%]", format="%+.1f %%"),
    },
)
