"""A read-only, sandboxed SQL box over the catalogue.

Defence in depth, after DuckDB's own guidance for untrusted SQL:
1. the catalogue lives in a private in-memory database with external access disabled and
   the configuration locked, so files, extensions, ATTACH of files and settings are refused;
2. only a single SELECT statement is accepted (``duckdb.extract_statements``), which also
   stops ``SELECT 1; DROP …`` and CREATE/ATTACH ':memory:', still allowed after locking;
3. a timer interrupts queries that run too long, results are cut at a row cap, and the
   database has a memory limit.
"""

import re
import threading
from dataclasses import dataclass
from functools import cache

import duckdb

from tco.data.catalogue import Catalogue, builtin_catalogue, to_duckdb
from tco.models.errors import TcoError

MAX_SQL_CHARS = 5_000
MAX_ROWS = 1_000
TIMEOUT_S = 2.0
MEMORY_LIMIT = "256MB"
NO_PATH = "/nonexistent"
"""Where the sandbox is told its home, secrets and extensions live: nowhere, so neither a
setting nor an error message shows the server's folders (``/root/.duckdb/…`` before)."""
_PATH = re.compile(r"(?<![\w.])/(?:[\w.@+-]+/)+[\w.@+-]*")


class QueryRefusedError(TcoError):
    """The SQL was not run, or was stopped; the message says why in one line."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]
    truncated: bool

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def sandbox(catalogue: Catalogue) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB holding the catalogue, locked down for untrusted queries."""
    con = duckdb.connect(
        ":memory:",
        config={
            "memory_limit": MEMORY_LIMIT,
            "threads": 1,
            "temp_directory": "",  # no spilling to disk: past the memory limit is a refusal
            "home_directory": NO_PATH,  # settings and messages then name no real folder
            "secret_directory": NO_PATH,
            "extension_directory": NO_PATH,
        },
    )
    con.execute("SET enable_progress_bar = false")  # nothing written to the server's stdout
    to_duckdb(catalogue, con)
    con.execute("SET enable_external_access = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET lock_configuration = true")
    return con


@cache
def _builtin_sandbox() -> duckdb.DuckDBPyConnection:
    return sandbox(builtin_catalogue())


def check_select_only(sql: str) -> str:
    """The one SELECT statement in ``sql``, or QueryRefusedError naming what is wrong."""
    text = sql.strip()
    if not text:
        raise QueryRefusedError("enter a SELECT query")
    if len(text) > MAX_SQL_CHARS:
        raise QueryRefusedError(f"query longer than {MAX_SQL_CHARS} characters")
    if "\x00" in text:
        raise QueryRefusedError("query contains a NUL character")
    try:
        statements = duckdb.extract_statements(text)
    except duckdb.Error as exc:
        raise QueryRefusedError(f"not valid SQL: {_first_line(exc)}") from None
    if len(statements) != 1:
        raise QueryRefusedError(f"one statement at a time, got {len(statements)}")
    if statements[0].type != duckdb.StatementType.SELECT:
        kind = statements[0].type.name.replace("_STATEMENT", "")
        raise QueryRefusedError(f"only SELECT queries are allowed here, not {kind}")
    return text


def run_query(
    sql: str,
    con: duckdb.DuckDBPyConnection | None = None,
    *,
    max_rows: int = MAX_ROWS,
    timeout_s: float = TIMEOUT_S,
) -> QueryResult:
    """Run one read-only SELECT on the catalogue sandbox with a time limit and a row cap."""
    text = check_select_only(sql)
    cursor = (con or _builtin_sandbox()).cursor()
    timer = threading.Timer(timeout_s, cursor.interrupt)
    timer.start()
    try:
        cursor.execute(text)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchmany(max_rows + 1)
    except duckdb.InterruptException:
        raise QueryRefusedError(f"query stopped after {timeout_s:g} s (time limit)") from None
    except duckdb.Error as exc:
        raise QueryRefusedError(_first_line(exc)) from None
    finally:
        timer.cancel()
        cursor.close()
    return QueryResult(columns=columns, rows=rows[:max_rows], truncated=len(rows) > max_rows)


def _first_line(exc: BaseException) -> str:
    """The error's first line, any file system path in it replaced by ``…``."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return _PATH.sub("…", lines[0] if lines else type(exc).__name__)[:300]
