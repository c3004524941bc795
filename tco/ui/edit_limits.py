"""Limits on what a browser may send a data editor, checked before Streamlit applies it.

Streamlit applies a data editor's edit state (edited, added and deleted rows) to the frame
inside ``st.data_editor``, one row at a time: a crafted ``added_rows`` of 6,000 rows (230 kB)
cost 55 s of server CPU without a click (attack 5 of issue 13). `drop_oversized_edits` looks
at the raw state the browser sent for a widget before the widget is drawn and drops it
when it holds more rows than the table may have; the editor then shows the table as it was.
It reads Streamlit's session state below its public API (the raw widget values), which
tests/hardening/test_table_limits.py checks on every Streamlit release.
"""

import json

from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.session_state import Serialized

MAX_EDIT_STATE_CHARS = 200_000
"""Longest edit state read at all [characters]; a full 12-row table's is under 10,000."""


def _rows(state: object) -> int:
    if not isinstance(state, dict):
        return MAX_EDIT_STATE_CHARS  # not an edit state: refuse it
    return max(
        len(state.get("edited_rows") or {}),
        len(state.get("added_rows") or []),
        len(state.get("deleted_rows") or []),
    )


def _parsed(raw: str) -> object:
    if not raw:
        return None
    if len(raw) > MAX_EDIT_STATE_CHARS:
        return "too long"
    try:
        return json.loads(raw)
    except ValueError:
        return "not JSON"


def drop_oversized_edits(key: str, max_rows: int) -> bool:
    """Drop the edit state the browser sent the data editor ``key`` if it touches more than
    ``max_rows`` rows (or is not an edit state); True when one was dropped."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return False
    states = ctx.session_state._state._new_widget_state.states  # below the public API: see above
    dropped = False
    for widget_id, wstate in list(states.items()):
        if widget_id != key and not widget_id.endswith(f"-{key}"):
            continue
        serialized = isinstance(wstate, Serialized)
        state = _parsed(wstate.value.string_value) if serialized else wstate.value
        if state is not None and _rows(state) > max_rows:
            del states[widget_id]
            dropped = True
    return dropped
