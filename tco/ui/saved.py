"""Named scenarios in the local store: save, list, load, delete."""

import pandas as pd
import streamlit as st

from tco.models.errors import TcoError
from tco.ui import state
from tco.ui.data import catalogue, saved_scenarios_changed, store
from tco.ui.data import saved_scenarios as stored_scenarios
from tco.ui.fmt import md

_MESSAGE = "tco.saved.message"


def _flash(kind: str, text: str) -> None:
    st.session_state[_MESSAGE] = (kind, text)


def _save() -> None:
    name = st.session_state["saved.name"]
    try:
        saved = store().save_scenario(state.current(), name)
    except TcoError as exc:
        _flash("error", f"Not saved: {exc}")
        return
    saved_scenarios_changed()
    _flash("success", f"Saved as “{saved}”.")


def _load() -> None:
    name = st.session_state["saved.choice"]
    try:
        scenario = store().load_scenario(name)
        state.check_known_ids(scenario, catalogue())
    except TcoError as exc:
        _flash("error", f"Not loaded: {exc}")
        return
    state.set_current(scenario)
    _flash("success", f"Loaded “{name}”.")


def _delete() -> None:
    name = st.session_state["saved.choice"]
    deleted = store().delete_scenario(name)
    saved_scenarios_changed()
    if deleted:
        _flash("success", f"Deleted “{name}”.")
    else:
        _flash("error", f"Not deleted: no saved scenario named “{name}”.")


def saved_scenarios() -> None:
    """Save the current scenario under a name; load or delete one saved earlier."""
    kind, text = st.session_state.pop(_MESSAGE, (None, None))
    if kind == "success":
        st.success(md(text), icon="✅")
    elif kind == "error":
        st.error(md(text), icon="🚫")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        "Save the current scenario as",
        value=state.current().name,
        max_chars=120,
        key="saved.name",
        help="For example “ACME bank, proposal B”. The same name replaces the earlier save.",
    )
    right.button("Save", key="saved.save", on_click=_save, type="primary")
    rows = stored_scenarios()
    if not rows:
        st.caption("No saved scenarios yet.")
        return
    st.dataframe(
        pd.DataFrame(
            [(r.name, r.customer_name, r.saved_at) for r in rows],
            columns=["Name", "Customer", "Saved"],
        ),
        hide_index=True,
        key="saved.table",
    )
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    left.selectbox("Saved scenario", [r.name for r in rows], key="saved.choice")
    middle.button("Load", key="saved.load", on_click=_load)
    right.button("Delete", key="saved.delete", on_click=_delete)
