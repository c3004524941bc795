"""The real app in AppTest, opened at a page with query parameters.

A plain module, not a conftest.py: tests elsewhere import names from ``conftest`` and a
second conftest.py on the path would change what they get."""

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")


def open_page(page: str | None = None, **query: str) -> AppTest:
    """The app run once at ``pages/<page>.py`` (the Overview when None).

    After ``switch_page`` AppTest 1.67 runs the page alone, without the router in app.py
    (no sidebar, no URL sync, no link warnings): those are tested on the Overview and in
    the browser tests.
    """
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py").run()
    return at


def chart_spec(at: AppTest, key: str) -> dict:
    """The Plotly figure the page drew with widget ``key``, as a dict (arrays stay base64
    in Plotly >= 6)."""
    chart = next(c for c in at.get("plotly_chart") if c.proto.id.endswith(f"-{key}"))
    return json.loads(chart.proto.spec)
