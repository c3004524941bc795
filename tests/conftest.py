"""Shared fixtures: every test gets its own empty local store; PostgreSQL when asked for."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("TCO_STORE_PATH", str(path))
    monkeypatch.delenv("TCO_DATABASE_URL", raising=False)  # a developer's own setting
    monkeypatch.delenv("TCO_AUTH", raising=False)
    return path


@pytest.fixture(scope="session")
def catalogue():
    from tco.data.catalogue import builtin_catalogue

    return builtin_catalogue()


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL for the whole run (bench/pg_server.py), started on first use."""
    from bench import pg_server

    if pg_server.bin_dir() is None:
        pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
    with pg_server.server() as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server, request, monkeypatch: pytest.MonkeyPatch) -> str:
    """An empty database of its own for one test; ``TCO_DATABASE_URL`` points at it."""
    import re

    from bench import pg_server

    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    url = pg_server.fresh_database(postgres_server, name)
    monkeypatch.setenv("TCO_DATABASE_URL", url)
    return url
