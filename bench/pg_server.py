"""A throwaway PostgreSQL server for tests and benchmarks (Debian's ``postgresql`` package).

The server refuses to run as root, so it runs as the ``postgres`` user in a temporary folder,
on a free loopback port, with trust authentication for the ``tco`` role (``make test``
installs the package when it is missing; see docs/operations.md for a real deployment).
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg


def bin_dir() -> Path | None:
    """The newest installed PostgreSQL's programs, or None when none is installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_major)
    return Path(found[-1]).parent if found else None


def _major(path: str) -> int:
    return int(Path(path).parts[-3])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> None:
    prefix = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)


@contextlib.contextmanager
def server() -> Iterator[str]:
    """Start a server; yield the URL of its ``postgres`` database; stop and delete it."""
    programs = bin_dir()
    if programs is None:
        raise RuntimeError("PostgreSQL is not installed (make test installs it)")
    folder = Path(tempfile.mkdtemp(prefix="tco-pg-"))
    data = folder / "data"
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    try:
        _as_postgres([str(programs / "initdb"), "-D", str(data), "-A", "trust", "-U", "tco"])
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on"
        _as_postgres(
            [str(programs / "pg_ctl"), "-D", str(data), "-o", options, "-l",
             str(folder / "log"), "-w", "start"]
        )  # fmt: skip
        try:
            yield f"postgresql://tco@127.0.0.1:{port}/postgres"
        finally:
            _as_postgres([str(programs / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def fresh_database(url: str, name: str) -> str:
    """A new, empty database on the server at ``url``; its URL."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"
