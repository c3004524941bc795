"""Shared material for export tests: one report of a scenario with a few changed inputs."""

import io

import pytest
from apptest_pages import open_page
from export_scenarios import TODAY, changed_scenario
from pptx import Presentation

from tco.export.pptx_deck import build_deck
from tco.export.report import build_report


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
    return open_page
