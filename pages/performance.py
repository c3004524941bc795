"""Performance: throughput against interactivity, the roofline, and the MLPerf validation."""

import streamlit as st

from tco.models import Precision
from tco.models.errors import TcoError
from tco.present import figures
from tco.ui import cached, charts, components, performance_view, state
from tco.ui.data import catalogue
from tco.ui.fmt import md

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
        format_func=lambda i: f"{workloads[i].name} ({cat.models[workloads[i].model_id].name})",
        key="perf.workload",
    )
]
default_parts = [scenario.accelerator_id, "nvidia-b200", "amd-mi300x"]
parts = middle.multiselect(
    "Accelerators",
    list(cat.accelerators),
    default=[p for p in dict.fromkeys(default_parts) if p in cat.accelerators],
    format_func=lambda i: cat.accelerators[i].label,
    max_selections=6,
    key="perf.parts",
)
precision = Precision(
    right.selectbox(
        "Precision",
        [p.value for p in Precision],
        index=[p.value for p in Precision].index(workload.precision.value),
        format_func=str.upper,
        key=f"perf.precision.{workload.id}",
    )
)
if not parts:
    st.info("Choose at least one accelerator.")
    st.stop()

curves, points, problems = {}, {}, []
chosen = workload.model_copy(update={"precision": precision})
progress = st.progress(0.0, text="Computing throughput curves…")
for index, part in enumerate(parts):
    label = cat.accelerators[part].label
    try:
        curves[label] = cached.curve(
            workload.model_id, part, precision, workload.input_tokens, workload.output_tokens
        )
        points[label] = cached.point(chosen, part)
    except TcoError as exc:
        problems.append(f"{label}: {exc}")
    progress.progress((index + 1) / len(parts), text=f"Computed {label}")
progress.empty()
for problem in problems:
    st.warning(md(problem), icon="⚠️")

footnote = (
    f"{cat.models[workload.model_id].name}, {precision.value.upper()}, "
    f"{workload.input_tokens:,} prompt + {workload.output_tokens:,} output tokens per request; "
    "one serving system per part. Throughput model calibrated on MLPerf Inference."
)
if curves:
    charts.show(
        figures.throughput_curves(
            curves,
            min_interactivity_tokens_per_s=1000 / workload.tpot_max_ms
            if workload.tpot_max_ms
            else None,
            footnote=footnote,
        ),
        key="perf.curves",
    )
    st.markdown("**At the workload's latency targets**")
    st.dataframe(performance_view.points_table(points), hide_index=True, key="perf.points")

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
    charts.show(
        figures.roofline(
            [cat.accelerators[p] for p in parts], precision, footnote=charts.footnote()
        ),
        key="perf.roofline",
    )

st.subheader("Validation against MLPerf Inference")
rows = cached.validation()
st.markdown(
    "Modelled against measured output tokens per second per accelerator, for published "
    "MLPerf Inference results (median of the submissions in each case). "
    + md(performance_view.validation_summary(rows))
)
st.dataframe(
    performance_view.validation_table(rows),
    hide_index=True,
    key="perf.validation",
    column_config={
        "Error [%]": st.column_config.NumberColumn("Error [%]", format="%+.1f %%"),
    },
)
