"""inference-tco dashboard: the router. Pages render; the engine in tco/ computes."""

import streamlit as st

st.set_page_config(page_title="inference-tco", page_icon="📉", layout="wide")

pages = [
    st.Page("pages/overview.py", title="Overview", icon="📊", default=True),
]
st.navigation(pages).run()
