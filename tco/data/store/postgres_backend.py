"""The server store: PostgreSQL through psycopg 3, for several replicas behind a load balancer.

Chosen by ``TCO_DATABASE_URL`` (``postgresql://user:password@host:5432/dbname``). Each
replica keeps a small connection pool; every operation is one transaction. A quota check and
its insert hold a transaction-scoped advisory lock on the owner (``pg_advisory_xact_lock``),
so two replicas saving for one user at once are serialised and the quota holds; items are
committed before a save returns, so killing a replica loses nothing it reported saved.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from tco.data.store.backend import Backend, Transaction
from tco.data.store.items import Owner, StoreUnavailableError

POOL_MAX = 4
"""Connections one replica keeps at most (a server's sessions share them)."""
CONNECT_TIMEOUT_S = 5.0
STATEMENT_TIMEOUT_MS = 10_000


class _PgTransaction(Transaction):
    def __init__(self, cursor: psycopg.Cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        self._cursor.execute(sql.replace("?", "%s"), list(params))
        return [tuple(row) for row in self._cursor.fetchall()] if self._cursor.description else []

    def lock_owner(self, owner: Owner, kind: str) -> None:
        self._cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"{kind}:{owner.user_id}"]
        )


def _unreachable(url: str, exc: BaseException) -> StoreUnavailableError:
    where = psycopg.conninfo.conninfo_to_dict(url).get("host", "localhost")
    reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
    return StoreUnavailableError(
        "the saved-items database cannot be reached; try again in a moment",
        f"PostgreSQL at {where}: {reason}",
    )


class PostgresBackend(Backend):
    dialect = "postgresql"
    shared = True

    def __init__(self, url: str, *, pool_max: int = POOL_MAX) -> None:
        self.url = url
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_max,
            timeout=CONNECT_TIMEOUT_S,
            kwargs={
                "autocommit": True,  # each `transaction()` block is one explicit transaction
                "connect_timeout": int(CONNECT_TIMEOUT_S),
                "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
            },
            open=True,  # connects in the background: a database that is down fails per call
        )

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        try:
            connection = self._pool.getconn()
        except (PoolTimeout, psycopg.Error) as exc:
            raise _unreachable(self.url, exc) from None
        try:
            with connection.transaction(), connection.cursor() as cursor:
                yield _PgTransaction(cursor)
        except psycopg.OperationalError as exc:
            raise _unreachable(self.url, exc) from None
        finally:
            self._pool.putconn(connection)

    def close(self) -> None:
        self._pool.close()
