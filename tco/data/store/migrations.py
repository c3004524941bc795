"""The store's schema, as numbered migrations applied in order, once, in one transaction.

``schema_version`` holds the number of the last migration applied. Opening a store applies
the missing ones; a PostgreSQL backend takes an advisory lock first, so replicas starting at
once migrate one at a time, and a replica of an older release refuses a newer schema in one
line instead of writing to it. To change the schema, append a migration; never edit one
that has shipped.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import ValidationError

from tco.data.store.backend import Backend, Transaction, now
from tco.data.store.items import LOCAL_OWNER, StoreUnavailableError
from tco.models import Accelerator


@dataclass(frozen=True)
class Migration:
    version: int
    why: str
    apply: Callable[[Transaction, str], None]


def _tables(tx: Transaction) -> set[str]:
    rows = tx.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {name for (name,) in rows}


def _columns(tx: Transaction, table: str) -> list[str]:
    rows = tx.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = current_schema() ORDER BY ordinal_position",
        [table],
    )
    return [name for (name,) in rows]


def _owned_items(tx: Transaction, dialect: str) -> None:
    """Items belong to a user and optionally a team; scenarios get ids that are never reused;
    accelerators are kept as JSON of the model (so new model fields need no migration).

    A store of the first release (DuckDB only: tables ``scenarios`` and ``custom_accelerators``
    with one column per model field, no owner) is carried over to the local user."""
    legacy = _tables(tx)
    if "custom_accelerators" in legacy:
        tx.execute("ALTER TABLE custom_accelerators RENAME TO legacy_accelerators")
    tx.execute(
        "CREATE TABLE custom_accelerators (owner_id TEXT NOT NULL, id TEXT NOT NULL, "
        "team TEXT, label TEXT NOT NULL, accelerator_json TEXT NOT NULL, "
        "added_at TIMESTAMP NOT NULL, PRIMARY KEY (owner_id, id))"
    )
    tx.execute(
        "CREATE TABLE saved_scenarios (id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, "
        "team TEXT, name TEXT NOT NULL, customer_name TEXT NOT NULL, "
        "saved_at TIMESTAMP NOT NULL, scenario_json TEXT NOT NULL, "
        "parts_json TEXT NOT NULL, UNIQUE (owner_id, name))"
    )
    tx.execute("CREATE INDEX saved_scenarios_team ON saved_scenarios (team)")
    tx.execute("CREATE INDEX custom_accelerators_team ON custom_accelerators (team)")
    if "legacy_accelerators" in _tables(tx):
        _carry_over_accelerators(tx)
    if "scenarios" in legacy:
        tx.execute(
            "INSERT INTO saved_scenarios (id, owner_id, team, name, customer_name, saved_at, "
            "scenario_json, parts_json) SELECT md5(name), ?, NULL, name, "
            "coalesce(customer_name, ''), saved_at, scenario_json, '[]' FROM scenarios",
            [LOCAL_OWNER.user_id],
        )
        tx.execute("DROP TABLE scenarios")


def _carry_over_accelerators(tx: Transaction) -> None:
    names = _columns(tx, "legacy_accelerators")
    for row in tx.execute("SELECT * FROM legacy_accelerators"):
        fields = {k: v for k, v in zip(names, row, strict=True) if v is not None}
        try:
            part = Accelerator.model_validate(fields | {"custom": True})
        except ValidationError:
            continue  # a row the model no longer accepts was already unusable
        tx.execute(
            "INSERT INTO custom_accelerators (owner_id, id, team, label, accelerator_json, "
            "added_at) VALUES (?, ?, NULL, ?, ?, ?)",
            [LOCAL_OWNER.user_id, part.id, part.label, part.model_dump_json(), now()],
        )
    tx.execute("DROP TABLE legacy_accelerators")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "items belong to a user and optionally a team", _owned_items),
)
LATEST = MIGRATIONS[-1].version


def migrate(backend: Backend) -> None:
    """Bring the schema to `LATEST`, or refuse a schema newer than this release knows."""
    with backend.transaction() as tx:
        tx.lock_owner(LOCAL_OWNER, "schema")
        if "schema_version" not in _tables(tx):
            tx.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
            tx.execute("INSERT INTO schema_version VALUES (0)")
        (current,) = tx.execute("SELECT max(version) FROM schema_version")[0]
        if current > LATEST:
            raise StoreUnavailableError(
                "the saved-items store was written by a newer release of inference-tco; "
                "upgrade this one",
                f"store schema version {current}, this release knows up to {LATEST}",
            )
        for migration in MIGRATIONS:
            if migration.version > current:
                migration.apply(tx, backend.dialect)
                tx.execute("UPDATE schema_version SET version = ?", [migration.version])


_ENSURE_LOCK = threading.Lock()


def ensure_schema(backend: Backend) -> None:
    """`migrate` once per backend object (again after a failure, e.g. a busy file)."""
    with _ENSURE_LOCK:
        if not backend.schema_ready:
            migrate(backend)
            backend.schema_ready = True
