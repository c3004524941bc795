"""Shared material for export tests: one report of a scenario with a few changed inputs."""

import io
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation

from tco.export.pptx_deck import build_deck
from tco.export.report import build_report
from tco.presets import default_scenario

TODAY = date(2026, 3, 14)
ROOT = Path(__file__).resolve().parents[2]


def changed_scenario():
    """The default scenario with a customer, a different WACC and a PUE override."""
    s = default_scenario()
    return s.model_copy(
        update={
            "customer_name": "Example Customer",
            "finance": s.finance.model_copy(update={"wacc_frac": 0.1}),
            "overrides": s.overrides.model_copy(update={"pue": 1.25}),
        }
    )


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
