"""The embedded store: one DuckDB file, for one server (or a laptop) and the CLI beside it.

The file lives at ``$TCO_STORE_PATH`` or ``~/.local/share/inference-tco/store.duckdb``. A
connection is opened per transaction and closed after it, so the CLI can use the file
between a server's operations. DuckDB lets one process hold the file at a time: while another
holds it, opening retries for ``busy_wait_s`` and then gives up in one line that names no
path. Writes in one process are serialised by a lock per file, which makes each quota check
and its insert atomic (across processes DuckDB's file lock already serialises them).
"""

import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from tco.data.store.backend import Backend, Transaction
from tco.data.store.items import Owner, StoreUnavailableError

BUSY_WAIT_S = 5.0
"""How long an operation waits for another process to let go of the file [s]."""

_WRITE_LOCKS: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


def default_store_path() -> Path:
    env = os.environ.get("TCO_STORE_PATH")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "inference-tco" / "store.duckdb"


def _write_lock(path: Path) -> threading.Lock:
    key = os.path.abspath(path)
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(key, threading.Lock())


class _DuckTransaction(Transaction):
    def __init__(self, con: duckdb.DuckDBPyConnection, lock: threading.Lock) -> None:
        self._con = con
        self._lock = lock
        self.locked = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cursor = self._con.execute(sql, list(params))
        return cursor.fetchall() if cursor.description else []

    def lock_owner(self, owner: Owner, kind: str) -> None:
        if not self.locked:  # one lock per file covers every owner: writes here are rare
            self._lock.acquire()
            self.locked = True


class DuckDBBackend(Backend):
    dialect = "duckdb"
    shared = False

    def __init__(self, path: Path | str | None = None, *, busy_wait_s: float = BUSY_WAIT_S):
        self.path = Path(path) if path else default_store_path()
        self.busy_wait_s = busy_wait_s
        self._lock = _write_lock(self.path)

    def _open(self) -> duckdb.DuckDBPyConnection:
        detail = f"the local store {self.path}"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailableError(
                "the saved-items store cannot be created", f"{detail}: {exc.strerror}"
            ) from None
        deadline = time.monotonic() + self.busy_wait_s
        while True:
            try:
                return duckdb.connect(str(self.path))
            except duckdb.Error as exc:
                busy = "lock" in str(exc).lower()
                if busy and time.monotonic() < deadline:
                    time.sleep(0.05)
                    continue
                if busy:
                    raise StoreUnavailableError(
                        "the saved-items store is busy (another program has it open); "
                        "try again in a moment",
                        f"{detail} is locked by another process",
                    ) from None
                raise StoreUnavailableError(
                    "the saved-items store cannot be read (the file is damaged or is not a store)",
                    f"{detail}: {str(exc).splitlines()[0][:200]}",
                ) from None

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        con = self._open()
        tx = _DuckTransaction(con, self._lock)
        try:
            con.begin()
            yield tx
            con.commit()
        except BaseException:
            con.rollback()
            raise
        finally:
            if tx.locked:
                self._lock.release()
            con.close()
