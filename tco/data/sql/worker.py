"""The dashboard's SQL box runs its queries in a child process with a memory cap and a kill.

Inside the server process, `tco.sql.run_query` is not enough against a hostile query:
DuckDB's ``memory_limit`` covers its buffer pool but not every allocation, and its
interrupt is only checked between chunks. ``SELECT list(range(100000000))`` took 28 s
and 7 GB of the server's memory despite the 2 s limit and the 256 MB cap (measured; see
docs/reliability.md). Here the same sandbox lives in a worker process whose address space
is capped (``RLIMIT_AS``), so such a query fails in milliseconds with a one-line "Out of
Memory" refusal, and a query that ignores the interrupt is stopped by killing the worker
``KILL_GRACE_S`` after its time limit; the next query starts a fresh one. The worker speaks
JSON lines on its stdin/stdout (no pickle): the server never unpickles what a query made.
"""

import json
import math
import os
import resource
import select
import subprocess
import sys
import time
import weakref
from collections.abc import Sequence
from typing import IO, Any

import duckdb

from tco.data.catalogue import builtin_catalogue
from tco.data.sql.queue import FairQueue
from tco.data.sql.sandbox import (
    MAX_ROWS,
    TIMEOUT_S,
    QueryRefusedError,
    QueryResult,
    check_select_only,
    run_query,
    sandbox,
)
from tco.models import Accelerator

WORKER_MEMORY_MB = 768
"""Address space the worker may add after start-up [MB] (its sandbox caps DuckDB at 256 MB)."""
KILL_GRACE_S = 2.0
"""How long past the time limit the server waits for the worker before killing it [s]."""
START_TIMEOUT_S = 60.0
SQL_WORKERS = 2
"""Worker processes one server keeps at most (started when queries overlap)."""
QUEUE_WAIT_S = 3.0
"""Longest a query waits for a free worker before it is refused in one line [s]."""
MAX_CELL_CHARS = 2_000
MAX_ANSWER_BYTES = 4_000_000


class IsolatedSandbox:
    """A few worker processes holding the locked-down catalogue, shared fairly by sessions
    (`tco.data.sql.queue`): one query per worker at a time, one per session."""

    def __init__(self, workers: int = SQL_WORKERS, queue_wait_s: float = QUEUE_WAIT_S) -> None:
        self._queue = FairQueue(workers, queue_wait_s)
        self._workers: list[list[subprocess.Popen[bytes]]] = [[] for _ in range(workers)]
        self._extra_keys = [""] * workers
        for running in self._workers:
            weakref.finalize(self, _kill, running)  # no orphan when the cache drops us

    def run(
        self,
        sql: str,
        extra: Sequence[Accelerator] = (),
        *,
        session: str = "",
        max_rows: int = MAX_ROWS,
        timeout_s: float = TIMEOUT_S,
    ) -> QueryResult:
        """One read-only SELECT over the catalogue plus ``extra`` parts, or a one-line refusal;
        ``session`` (the asking browser tab) may have one query at a time."""
        text = check_select_only(sql)  # cheap refusals never reach the worker
        extra_json = [a.model_dump(mode="json") for a in extra]
        key = json.dumps(extra_json, sort_keys=True)
        request = {"sql": text, "max_rows": max_rows, "timeout_s": timeout_s}

        def ready(index: int) -> bool:  # a worker already holding these parts
            return bool(self._workers[index]) and self._extra_keys[index] == key

        with self._queue.slot(session, ready) as index:
            running = self._workers[index]
            worker = self._worker(index, extra_json, key)
            try:
                stdin, _ = _pipes(worker)
                stdin.write(json.dumps(request).encode() + b"\n")
                stdin.flush()
                line = _read_line(worker, timeout_s + KILL_GRACE_S)
            except OSError:  # the worker had already gone
                line = b""
            if not line:
                _kill(running)
            if line is None:
                raise QueryRefusedError(f"query stopped after {timeout_s:g} s (time limit)")
            if not line:
                raise QueryRefusedError("the query stopped the SQL engine; try a smaller one")
        reply = json.loads(line)
        if "refused" in reply:
            raise QueryRefusedError(reply["refused"])
        return QueryResult(
            columns=reply["columns"],
            rows=[tuple(row) for row in reply["rows"]],
            truncated=reply["truncated"],
        )

    @property
    def pid(self) -> int | None:
        """The first worker's process id, while it runs (queries one at a time use it)."""
        return self._workers[0][0].pid if self._workers[0] else None

    def _worker(
        self, index: int, extra_json: list[dict[str, Any]], key: str
    ) -> subprocess.Popen[bytes]:
        running = self._workers[index]
        if running and (running[0].poll() is not None or key != self._extra_keys[index]):
            _kill(running)
        if not running:
            running.append(_start(extra_json))
            self._extra_keys[index] = key
        return running[0]

    def close(self) -> None:
        for running in self._workers:
            _kill(running)


def _kill(workers: list[subprocess.Popen[bytes]]) -> None:
    """Stop the workers (SIGKILL: a stuck query ignores anything gentler) and forget them."""
    while workers:
        worker = workers.pop()
        if worker.poll() is None:
            worker.kill()
        worker.wait()
        for pipe in _pipes(worker):
            pipe.close()


def _pipes(worker: subprocess.Popen[bytes]) -> tuple[IO[bytes], IO[bytes]]:
    """The worker's stdin and stdout, both pipes (`_start` opens them so)."""
    if worker.stdin is None or worker.stdout is None:
        raise QueryRefusedError("the SQL box lost its worker; try again")
    return worker.stdin, worker.stdout


def _start(extra_json: list[dict[str, Any]]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tco.data.sql.worker"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    stdin, _ = _pipes(process)
    stdin.write(json.dumps({"accelerators": extra_json}).encode() + b"\n")
    stdin.flush()
    if not _read_line(process, START_TIMEOUT_S):
        _kill([process])
        raise QueryRefusedError("the SQL box could not start; try again")
    return process


def _read_line(process: subprocess.Popen[bytes], timeout_s: float) -> bytes | None:
    """One line from the worker; None when it is too slow, b"" when it is gone or its
    answer runs past any size it may have."""
    deadline = time.monotonic() + timeout_s
    fd = _pipes(process)[1].fileno()
    chunks: list[bytes] = []
    size = 0
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b""  # the worker died
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            return b"".join(chunks)
        if size > MAX_ANSWER_BYTES * 2:
            return b""
    return None


# --- the worker side ----------------------------------------------------------------------


def _cell(value: object) -> object:
    """A JSON value: finite numbers, text cut to MAX_CELL_CHARS, anything else as text."""
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _answer(request: dict[str, Any], con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    try:
        result = run_query(
            request["sql"], con, max_rows=request["max_rows"], timeout_s=request["timeout_s"]
        )
    except QueryRefusedError as exc:
        return {"refused": str(exc)}
    except MemoryError:
        return {"refused": "the answer needs more memory than the SQL box allows"}
    reply = {
        "columns": result.columns,
        "rows": [[_cell(v) for v in row] for row in result.rows],
        "truncated": result.truncated,
    }
    if len(json.dumps(reply)) > MAX_ANSWER_BYTES:
        limit_mb = MAX_ANSWER_BYTES / 1e6
        return {"refused": f"the answer is larger than {limit_mb:g} MB; select fewer rows"}
    return reply


def _cap_memory(extra_mb: int) -> None:
    """Let the worker's address space grow by at most ``extra_mb`` from here (Linux)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except OSError:  # no /proc: DuckDB's own memory_limit is the only cap
        return
    limit = pages * os.sysconf("SC_PAGE_SIZE") + extra_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _protocol_stdout() -> IO[bytes]:
    """The answers' own channel: a copy of stdout, with fd 1 itself sent to /dev/null, so
    nothing DuckDB or a library prints can corrupt a JSON line."""
    out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    return out


def main() -> None:
    out = _protocol_stdout()
    setup = json.loads(sys.stdin.buffer.readline())
    extra = [Accelerator.model_validate(a) for a in setup["accelerators"]]
    con = sandbox(builtin_catalogue().with_accelerators(extra))
    _cap_memory(WORKER_MEMORY_MB)
    out.write(b'{"ready": true}\n')
    out.flush()
    for line in sys.stdin.buffer:
        try:
            reply = _answer(json.loads(line), con)
        except MemoryError:
            reply = {"refused": "the answer needs more memory than the SQL box allows"}
        out.write(json.dumps(reply).encode() + b"\n")
        out.flush()


if __name__ == "__main__":
    main()
