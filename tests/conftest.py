"""Shared fixtures: every test gets its own empty local store."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("TCO_STORE_PATH", str(path))
    return path


@pytest.fixture(scope="session")
def catalogue():
    from tco.data.catalogue import builtin_catalogue

    return builtin_catalogue()
