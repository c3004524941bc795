"""Overview: the first screen."""

import streamlit as st

from tco.ui.data import accelerator_frame, catalogue

cat = catalogue()
st.title("Inference TCO")
st.metric("Accelerators in the catalogue", len(cat.accelerators))
frame = accelerator_frame(cat)
st.dataframe(
    frame[["id", "vendor", "name", "memory_gb", "memory_bandwidth_tb_per_s", "tdp_w", "source"]],
    hide_index=True,
    use_container_width=True,
)
