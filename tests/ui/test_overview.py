"""AppTest of the first page."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def test_overview_shows_the_catalogue():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert int(at.metric[0].value) >= 33
