"""End-to-end fixtures: the real Streamlit server on a free port, Debian's Chromium.

The server gets its own empty store (TCO_STORE_PATH in a temporary folder), so browser
tests never touch the user's saved scenarios or accelerators.
"""

import os
import subprocess
from collections.abc import Iterator

import pytest
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, free_port, start_server


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}}


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    process = start_server(tmp_path_factory.mktemp("store") / "store.duckdb", port)
    yield f"http://127.0.0.1:{port}"
    with process:  # on the way out: close its stderr pipe and wait for it
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
