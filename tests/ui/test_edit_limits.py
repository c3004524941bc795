"""The data editor's edit-state check on its own (the live attack is test_table_limits.py)."""

import json
from types import SimpleNamespace

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.runtime.state.session_state import Serialized, Value

from tco.ui import edit_limits


def _states(monkeypatch, states: dict) -> None:
    widget_state = SimpleNamespace(states=states)
    session = SimpleNamespace(_state=SimpleNamespace(_new_widget_state=widget_state))
    monkeypatch.setattr(
        edit_limits, "get_script_run_ctx", lambda: SimpleNamespace(session_state=session)
    )


def _sent(state: object) -> Serialized:
    return Serialized(
        WidgetState(id="x", string_value=state if isinstance(state, str) else json.dumps(state))
    )


def test_an_edit_state_of_too_many_rows_or_no_edit_state_at_all_is_dropped(monkeypatch):
    states = {
        "$$ID-1-table": _sent({"added_rows": [{}] * 13}),
        "$$ID-2-other": _sent({"added_rows": [{}] * 13}),  # another widget: not ours to judge
        "$$ID-3-table.v2": _sent("[not json"),
    }
    _states(monkeypatch, states)
    assert edit_limits.drop_oversized_edits("table", 12) is True
    assert list(states) == ["$$ID-2-other", "$$ID-3-table.v2"]
    assert edit_limits.drop_oversized_edits("table.v2", 12) is True
    assert list(states) == ["$$ID-2-other"]


def test_a_fitting_edit_state_is_kept(monkeypatch):
    states = {
        "$$ID-1-table": _sent({"edited_rows": {"0": {"name": "x"}}, "added_rows": [{}] * 12}),
        "$$ID-2-table": Value({"added_rows": [], "deleted_rows": [1]}),
        "$$ID-3-table": _sent(""),
    }
    _states(monkeypatch, states)
    assert edit_limits.drop_oversized_edits("table", 12) is False
    assert len(states) == 3
    _states(monkeypatch, {"$$ID-4-table": _sent("x" * (edit_limits.MAX_EDIT_STATE_CHARS + 1))})
    assert edit_limits.drop_oversized_edits("table", 12) is True


def test_outside_a_script_run_there_is_nothing_to_check(monkeypatch):
    monkeypatch.setattr(edit_limits, "get_script_run_ctx", lambda: None)
    assert edit_limits.drop_oversized_edits("table", 12) is False
