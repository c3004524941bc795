"""Shared material for export tests: one report of a scenario with a few changed inputs."""

import io
from pathlib import Path

import pytest
from export_scenarios import TODAY, changed_scenario
from pptx import Presentation

from tco.export.pptx_deck import build_deck
from tco.export.report import build_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def report():
    return build_report(changed_scenario(), today=TODAY)


@pytest.fixture(scope="session")
def deck_bytes(report):
    return build_deck(report)


@pytest.fixture(scope="session")
def deck(deck_bytes):
    return Presentation(io.BytesIO(deck_bytes))


@pytest.fixture
def app():
    """Open the real app (the UI tests' helper)."""
    from streamlit.testing.v1 import AppTest

    def open_app() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.run()
        return at

    return open_app
