"""The store of users' own items: custom accelerators and saved scenarios, each owned by a user.

``Store(owner=...)`` is one user's view of it; ``open_backend()`` picks the database:
PostgreSQL when ``TCO_DATABASE_URL`` is set (several replicas share it), else the embedded
DuckDB file at ``TCO_STORE_PATH``. The built-in CSV catalogue is never written. Migrations
are applied when a backend is opened (`tco.data.store.migrations`).
"""

import os
from collections.abc import Sequence
from pathlib import Path

from tco.data.catalogue import builtin_catalogue
from tco.data.store import backend as rules
from tco.data.store.backend import Backend
from tco.data.store.duckdb_backend import DuckDBBackend, default_store_path
from tco.data.store.items import (
    LOCAL_OWNER,
    MAX_CUSTOM_ACCELERATORS,
    MAX_NAME_CHARS,
    MAX_SAVED_SCENARIOS,
    Owner,
    SavedScenario,
    StoreUnavailableError,
    clean_label,
    slugify,
)
from tco.data.store.migrations import ensure_schema
from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError

__all__ = [
    "DATABASE_URL_ENV",
    "LOCAL_OWNER",
    "MAX_CUSTOM_ACCELERATORS",
    "MAX_SAVED_SCENARIOS",
    "Backend",
    "Owner",
    "SavedScenario",
    "Store",
    "StoreUnavailableError",
    "default_store_path",
    "open_backend",
    "slugify",
]

DATABASE_URL_ENV = "TCO_DATABASE_URL"


def open_backend(path: Path | str | None = None, *, busy_wait_s: float | None = None) -> Backend:
    """The configured database: PostgreSQL if ``TCO_DATABASE_URL`` is set (and no ``path`` is
    given), else the DuckDB file at ``path`` or ``TCO_STORE_PATH``. Nothing is read yet: the
    first `Store` on it applies the migrations, so a busy or missing database fails there,
    in one line, and can be retried."""
    url = os.environ.get(DATABASE_URL_ENV, "").strip()
    backend: Backend
    if url and path is None:
        if not url.startswith(("postgresql://", "postgres://")):
            raise StoreUnavailableError(
                "the saved-items database is misconfigured",
                f"{DATABASE_URL_ENV} must start with postgresql://",
            )
        from tco.data.store.postgres_backend import PostgresBackend  # only servers need psycopg

        backend = PostgresBackend(url)
    elif busy_wait_s is None:
        backend = DuckDBBackend(path)
    else:
        backend = DuckDBBackend(path, busy_wait_s=busy_wait_s)
    return backend


class Store:
    """One owner's view of the store: they list, load, change and delete only what is theirs
    (and list and load what their teams share)."""

    def __init__(
        self,
        path: Path | str | None = None,
        owner: Owner = LOCAL_OWNER,
        *,
        backend: Backend | None = None,
    ) -> None:
        self.backend = backend or open_backend(path)
        self.owner = owner
        ensure_schema(self.backend)

    def as_owner(self, owner: Owner) -> "Store":
        """The same database seen by another owner."""
        return Store(owner=owner, backend=self.backend)

    # accelerators --------------------------------------------------------------------

    def custom_accelerators(self) -> list[Accelerator]:
        return rules.custom_accelerators(self.backend, self.owner)

    def add_accelerators(
        self, accelerators: Sequence[Accelerator], team: str | None = None
    ) -> list[Accelerator]:
        """Add parts all at once or none; ids must not be built-in or already taken."""
        parts = [a.model_copy(update={"custom": True}) for a in accelerators]
        builtin = builtin_catalogue().accelerators
        for part in parts:
            if part.id in builtin:
                raise TcoError(f"id {part.id!r} is a built-in accelerator; choose another id")
        rules.add_accelerators(self.backend, self.owner, parts, team)
        return parts

    def add_accelerator(self, accelerator: Accelerator, team: str | None = None) -> Accelerator:
        return self.add_accelerators([accelerator], team)[0]

    def remove_accelerator(self, accelerator_id: str) -> bool:
        return rules.delete_own(self.backend, self.owner, "custom_accelerators", accelerator_id)

    # scenarios -----------------------------------------------------------------------

    def save_scenario(
        self,
        scenario: Scenario,
        name: str | None = None,
        *,
        parts: Sequence[Accelerator] = (),
        team: str | None = None,
        replace: bool = False,
    ) -> SavedScenario:
        """Save the scenario (with the custom parts it uses) under a name that is new for this
        owner, or over their own item of that name when ``replace``."""
        name = clean_label(name or scenario.name, MAX_NAME_CHARS)
        if not name:
            raise TcoError("a saved scenario needs a name")
        return rules.save_scenario(
            self.backend,
            self.owner,
            name,
            scenario.customer_name,
            scenario.model_dump_json(exclude_defaults=True),
            parts,
            team=team,
            replace=replace,
        )

    def saved_scenarios(self) -> list[SavedScenario]:
        return rules.saved_scenarios(self.backend, self.owner)

    def saved_scenario(self, item_id: str) -> SavedScenario:
        return rules.saved_scenario(self.backend, self.owner, item_id)

    def load_scenario(self, item_id: str) -> Scenario:
        return self.saved_scenario(item_id).scenario()

    def delete_scenario(self, item_id: str) -> bool:
        return rules.delete_own(self.backend, self.owner, "saved_scenarios", item_id)
