"""Operations: structured error logs without user data, the page guard, the deep health check."""

import json
import subprocess
import sys

import pytest
from apptest_pages import open_page

from tco.data.presets import example_scenario
from tco.io.links import encode
from tco.ops import logs

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part

USER_TEXT = "ACME Bank: 12,000 GPUs at $9,999"


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_an_error_is_one_json_line_with_an_id_and_no_message(capsys):
    try:
        raise RuntimeError(USER_TEXT)
    except RuntimeError as exc:
        error_id = logs.log_error(exc, "overview")
    [line] = _json_lines(capsys.readouterr().err)
    assert line["error_id"] == error_id
    assert line["event"] == "unhandled_error"
    assert line["error_type"] == "RuntimeError"
    assert line["page"] == "overview"
    [frame] = line["frames"]  # code locations only: this test, where it was raised
    assert frame.startswith("tests/hardening/test_operations.py:")
    assert USER_TEXT not in json.dumps(line)


@pytest.fixture
def broken_summary(monkeypatch):
    """The Overview's summary raises an unexpected error quoting user text."""
    from tco.present import summary

    def explode(*args, **kwargs):
        raise RuntimeError(USER_TEXT)

    monkeypatch.setattr(summary, "summary", explode)


def test_in_a_server_a_page_error_is_one_line_with_an_id_and_logged_without_user_data(
    broken_summary, monkeypatch, capsys
):
    from tco.ui import guard

    monkeypatch.setattr(guard, "serving", lambda: True)
    scenario = CHAT.model_copy(update={"customer_name": USER_TEXT[:40]})
    at = open_page(s=encode(scenario))
    assert not at.exception
    [shown] = [e.value for e in at.error]
    [line] = [x for x in _json_lines(capsys.readouterr().err) if x.get("event")]
    assert line["error_id"] in shown
    assert "\n" not in shown
    assert USER_TEXT not in shown
    assert "tco/ui/guard.py" not in shown  # no traceback
    assert line["frames"][-1].startswith("tests/hardening/test_operations.py")
    assert any(f.startswith("pages/overview.py") for f in line["frames"])


def test_in_tests_a_page_error_still_surfaces_as_an_exception(broken_summary):
    """Outside a real server the guard re-raises, so AppTest suites keep seeing bugs."""
    assert open_page().exception


def test_the_deep_health_check_passes_and_says_what_it_checked():
    done = subprocess.run(
        [sys.executable, "-m", "tco.ops.health"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    line = json.loads(done.stdout)
    assert line["status"] == "ok"
    assert set(line["checks"]) == {"catalogue", "engine", "store", "sql"}


def test_the_deep_health_check_fails_in_one_line_on_an_unreadable_store(tmp_path, monkeypatch):
    broken = tmp_path / "store.duckdb"
    broken.write_bytes(b"not a database")
    monkeypatch.setenv("TCO_STORE_PATH", str(broken))
    done = subprocess.run(
        [sys.executable, "-m", "tco.ops.health"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    line = json.loads(done.stdout)
    assert line["status"] == "fail"
    assert line["checks"]["engine"] == "ok"
    assert "store" in line["checks"]["store"]


def test_serve_replaces_streamlits_metrics_route_with_a_404(monkeypatch):
    """Issue 13, attack 9 (in-process; test_live_server.py asks a real server)."""
    from streamlit.web.server.starlette import starlette_app

    from bench import loadgen
    from tco.ui.serve import hide_metrics

    original = starlette_app.create_metrics_routes
    monkeypatch.setattr(starlette_app, "create_metrics_routes", original)  # restored after
    hide_metrics()
    [route] = starlette_app.create_metrics_routes(None, None)
    assert route.path.endswith("/_stcore/metrics")
    assert loadgen.run_sync(route.endpoint(None)).status_code == 404
