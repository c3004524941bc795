"""The session's current scenario, mirrored into the URL so a copied address shares it.

The session holds the scenario; the router calls :func:`sync_url` on every run, which
writes it to the ``s`` query parameter (Streamlit drops parameters on a page switch, so
they are written back each time). A new session (a reload, a shared link, a server
restart) starts from the URL. A link that cannot be read falls back to the default
scenario and leaves a one-line reason for the page to show.
"""

import streamlit as st

from tco.data import presets
from tco.data.catalogue import Catalogue
from tco.io.carried_parts import adopt, parts_used
from tco.io.links import (
    LinkError,
    decode,
    decode_parts,
    decode_variants,
    encode,
    encode_parts,
    encode_variants,
)
from tco.models import Scenario
from tco.models.errors import TcoError
from tco.models.variant import Variant
from tco.ui.data import carry, catalogue

LINK_PARAM = "s"
COMPARE_PARAM = "c"
PARTS_PARAM = "p"  # the custom parts the linked scenarios use (tco.io.carried_parts)
PRESENT_KEY = "present"  # the presentation toggle's key, and its query parameter
_SCENARIO = "tco.scenario"
_LINK_PROBLEM = "tco.link_problem"
_VARIANTS = "tco.variants"


def default_scenario() -> Scenario:
    """What the dashboard shows when nobody has chosen anything."""
    return presets.default_scenario()


def check_known_ids(scenario: Scenario, cat: Catalogue) -> None:
    """Raise a one-line TcoError if the scenario names a part, site, cooling or model we lack."""
    cat.get("accelerators", scenario.accelerator_id)
    cat.get("sites", scenario.site_id)
    cat.get("cooling", scenario.cooling_id)
    for workload in scenario.workloads:
        cat.get("models", workload.model_id)


def _from_url() -> Scenario:
    text = st.query_params.get(LINK_PARAM)
    if not text:
        return default_scenario()
    try:
        scenario = decode(text)
        parts_text = st.query_params.get(PARTS_PARAM)
        if parts_text:
            parts, scenario, _ = adopt(decode_parts(parts_text), catalogue(), scenario)
            carry(parts)
        check_known_ids(scenario, catalogue())
    except (LinkError, TcoError) as exc:
        st.session_state[_LINK_PROBLEM] = f"{exc}. Showing the default scenario instead."
        return default_scenario()
    return scenario


def current() -> Scenario:
    """The scenario this session is looking at."""
    if _SCENARIO not in st.session_state:
        st.session_state[_SCENARIO] = _from_url()
    return st.session_state[_SCENARIO]


def set_current(scenario: Scenario) -> None:
    """Make ``scenario`` the session's scenario and put it in the address bar."""
    st.session_state[_SCENARIO] = scenario
    st.session_state.pop(_LINK_PROBLEM, None)
    sync_url()


def sync_url() -> None:
    """Write the current scenario (dropped when it is the default), the comparison and the
    custom parts they use, so the link computes the same figures for anyone."""
    _sync_variants_url()
    scenario = current()
    _set_param(LINK_PARAM, None if scenario == default_scenario() else encode(scenario))
    parts = parts_used(scenario, variants(), catalogue())
    _set_param(PARTS_PARAM, encode_parts(parts) if parts else None)


def _set_param(name: str, text: str | None) -> None:
    if text is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != text:
        st.query_params[name] = text


def _sync_variants_url() -> None:
    chosen = variants()
    _set_param(COMPARE_PARAM, encode_variants(chosen) if chosen else None)


def variants() -> list[Variant]:
    """The scenarios this session compares with the current one."""
    if _VARIANTS not in st.session_state:
        text = st.query_params.get(COMPARE_PARAM)
        found: list[Variant] = []
        if text:
            try:
                found = decode_variants(text)
            except TcoError as exc:
                st.session_state[_LINK_PROBLEM] = f"{exc}; comparing nothing instead."
        st.session_state[_VARIANTS] = found
    return st.session_state[_VARIANTS]


def set_variants(chosen: list[Variant]) -> None:
    st.session_state[_VARIANTS] = list(chosen)
    _sync_variants_url()


def link_problem() -> str | None:
    """Why the link this session was opened with could not be used, if it could not."""
    return st.session_state.get(_LINK_PROBLEM)


def presenting() -> bool:
    """True in presentation mode: inputs hidden, large charts, the customer in the title."""
    if PRESENT_KEY in st.session_state:
        return bool(st.session_state[PRESENT_KEY])
    return st.query_params.get(PRESENT_KEY) == "true"  # before the toggle first renders
