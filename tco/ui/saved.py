"""The signed-in user's saved scenarios: save, list, load, delete (and share with a team).

Items are chosen by their id, never by name, so two people's scenarios of the same name
never stand for each other. With sign-in on, an anonymous session sees none and can save
none; a share link needs no store at all (it carries the scenario and its custom parts).
"""

import pandas as pd
import streamlit as st

from tco.data.store import SavedScenario
from tco.io.carried_parts import adopt, parts_used
from tco.models import Scenario
from tco.models.errors import TcoError
from tco.ui import state
from tco.ui.data import carry, catalogue, store, store_changed, store_problem
from tco.ui.data import saved_scenarios as stored_scenarios
from tco.ui.fmt import md
from tco.ui.signin import store_usable, team_choice

_MESSAGE = "tco.saved.message"


def _flash(kind: str, text: str) -> None:
    st.session_state[_MESSAGE] = (kind, text)


def open_saved(item_id: str) -> Scenario:
    """A saved scenario the user may load, with the custom parts it was saved with carried
    into this session (renamed if the user has other parts of the same id)."""
    view = store()
    if view is None:
        raise TcoError(store_problem() or "sign in to use saved scenarios")
    saved = view.saved_scenario(item_id)
    parts, scenario, _ = adopt(saved.parts(), catalogue(), saved.scenario())
    carry(parts)
    state.check_known_ids(scenario, catalogue())
    return scenario


def _save() -> None:
    view = store()
    if view is None:
        _flash("error", f"Not saved: {store_problem() or 'sign in to save scenarios'}.")
        return
    scenario = state.current()
    try:
        saved = view.save_scenario(
            scenario,
            st.session_state["saved.name"],
            parts=parts_used(scenario, [], catalogue()),
            team=st.session_state.get("saved.team") or None,
            replace=bool(st.session_state.get("saved.replace")),
        )
    except TcoError as exc:
        _flash("error", f"Not saved: {exc}")
        return
    store_changed()
    _flash("success", f"Saved as “{saved.name}”.")


def _load() -> None:
    item_id = st.session_state["saved.choice"]
    try:
        scenario = open_saved(item_id)
    except TcoError as exc:
        _flash("error", f"Not loaded: {exc}")
        return
    state.set_current(scenario)
    _flash("success", f"Loaded “{scenario.name}”.")


def _delete() -> None:
    view = store()
    item_id = st.session_state["saved.choice"]
    deleted = view is not None and view.delete_scenario(item_id)
    store_changed()
    if deleted:
        _flash("success", "Deleted the saved scenario.")
    else:
        _flash("error", "Not deleted: only its owner can delete a saved scenario.")


def label(item: SavedScenario) -> str:
    """How a saved scenario is named in a list: its name, and whose it is when not yours."""
    return item.name if item.mine else f"{item.name} (shared in team {item.team})"


def _show_flash() -> None:
    kind, text = st.session_state.pop(_MESSAGE, (None, None))
    if kind == "success":
        st.success(md(text), icon="✅")
    elif kind == "error":
        st.error(md(text), icon="🚫")


def _save_form() -> None:
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(
        "Save the current scenario as",
        value=state.current().name,
        max_chars=120,
        key="saved.name",
        help="For example “ACME bank, proposal B”.",
    )
    right.button("Save", key="saved.save", on_click=_save, type="primary")
    left, right = st.columns([3, 1])
    left.checkbox(
        "Replace my saved scenario of the same name",
        key="saved.replace",
        help="Without this, a name you already use is refused, so nothing is lost by mistake.",
    )
    team_choice("saved.team", right)


def saved_scenarios() -> None:
    """Save the current scenario under a name; load or delete one saved earlier."""
    _show_flash()
    if not store_usable("Saved scenarios", "save scenarios and see the ones you saved"):
        return
    _save_form()
    rows = stored_scenarios()
    if not rows:
        st.caption("No saved scenarios yet.")
        return
    st.dataframe(
        pd.DataFrame(
            [(label(r), r.customer_name, r.saved_at) for r in rows],
            columns=["Name", "Customer", "Saved"],
        ),
        hide_index=True,
        key="saved.table",
    )
    names = {r.id: label(r) for r in rows}
    left, middle, right = st.columns([3, 1, 1], vertical_alignment="bottom")
    left.selectbox("Saved scenario", list(names), format_func=names.__getitem__, key="saved.choice")
    middle.button("Load", key="saved.load", on_click=_load)
    right.button("Delete", key="saved.delete", on_click=_delete)
