"""inference-tco dashboard: the router. Pages render; the engine in tco/ computes."""

from pathlib import Path

import streamlit as st

from tco.ui import state
from tco.ui.fmt import md
from tco.ui.guard import page_errors_logged
from tco.ui.signin import sidebar_status

HERE = Path(__file__).resolve().parent

st.set_page_config(
    page_title="inference-tco",
    page_icon="📉",
    layout="wide",
    initial_sidebar_state="collapsed" if state.presenting() else "auto",
)

pages = [
    st.Page(
        HERE / "pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
    ),
    st.Page(
        HERE / "pages/scenario.py", title="Scenario", icon=":material/tune:", url_path="scenario"
    ),
    st.Page(
        HERE / "pages/compare.py",
        title="Compare",
        icon=":material/compare_arrows:",
        url_path="compare",
    ),
    st.Page(
        HERE / "pages/uncertainty.py",
        title="Uncertainty",
        icon=":material/ssid_chart:",
        url_path="uncertainty",
    ),
    st.Page(
        HERE / "pages/performance.py",
        title="Performance",
        icon=":material/speed:",
        url_path="performance",
    ),
    st.Page(HERE / "pages/plan.py", title="Plan", icon=":material/bolt:", url_path="plan"),
    st.Page(
        HERE / "pages/catalogue.py",
        title="Catalogue",
        icon=":material/memory:",
        url_path="catalogue",
    ),
]
if (HERE / "pages/export.py").is_file():
    pages.append(
        st.Page(
            HERE / "pages/export.py", title="Export", icon=":material/ios_share:", url_path="export"
        )
    )

scenario = state.current()
with st.sidebar:
    st.toggle(
        "Presentation mode",
        key=state.PRESENT_KEY,
        bind="query-params",
        help="For customer meetings: inputs hidden, the customer in the title, large charts.",
    )
    st.caption(f"Scenario: {md(scenario.name)}")
    st.caption("The address bar holds the whole scenario: copy it to share exactly this view.")
    sidebar_status()

page = st.navigation(pages, position="top" if state.presenting() else "sidebar")
state.sync_url()
if problem := state.link_problem():
    st.warning(md(problem), icon="🔗")
with page_errors_logged(page.url_path or "overview"):
    page.run()
