"""The store's one set of rules over SQL, shared by the DuckDB and the PostgreSQL backend.

A backend provides transactions (`Backend.transaction`) and a way to serialise one owner's
writes (`Transaction.lock_owner`); everything else (ownership, quotas, never replacing an
id) is here, once. Every write is one transaction that checks the quota and writes, so two
writers at once can never pass a quota together, and a crash leaves the whole item or
nothing. SQL is written with ``?`` placeholders; a backend translates them if it must.
"""

import json
import secrets
from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from tco.data.store.items import (
    MAX_CUSTOM_ACCELERATORS,
    MAX_SAVED_SCENARIOS,
    Owner,
    SavedScenario,
    accelerator_from_json,
)
from tco.models import Accelerator
from tco.models.errors import TcoError


class Transaction(ABC):
    """One open transaction of a backend."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Run one statement; the rows it returns (none for most writes)."""

    @abstractmethod
    def lock_owner(self, owner: Owner, kind: str) -> None:
        """Hold, until this transaction ends, a lock that other writers of the same owner's
        items of ``kind`` wait for: what makes count-then-insert atomic."""


class Backend(ABC):
    """A database holding every user's items."""

    dialect: str
    """``duckdb`` or ``postgresql`` (for migrations that differ)."""
    shared: bool
    """True when several server processes share this database (their caches must be short)."""
    schema_ready: bool = False
    """Set once `tco.data.store.migrations.ensure_schema` has brought the schema up to date."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[Transaction]:
        """A transaction, committed when the block ends, rolled back on an exception."""

    def close(self) -> None:  # noqa: B027 - a backend without resources needs no close
        """Release connections."""


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _visible(owner: Owner) -> tuple[str, list[Any]]:
    """WHERE clause (and its parameters) for the items ``owner`` may list and load."""
    if not owner.teams:
        return "owner_id = ?", [owner.user_id]
    marks = ", ".join("?" for _ in owner.teams)
    return f"(owner_id = ? OR team IN ({marks}))", [owner.user_id, *owner.teams]


# accelerators --------------------------------------------------------------------------


def custom_accelerators(backend: Backend, owner: Owner) -> list[Accelerator]:
    """The owner's accelerators and their teams'; the owner's own win on a shared id."""
    where, params = _visible(owner)
    with backend.transaction() as tx:
        rows = tx.execute(
            f"SELECT id, owner_id, accelerator_json FROM custom_accelerators WHERE {where} "  # noqa: S608 - placeholders only
            "ORDER BY id, owner_id <> ?",
            [*params, owner.user_id],
        )
    found: dict[str, Accelerator] = {}
    for accelerator_id, _, text in rows:
        part = accelerator_from_json(text)
        if part is not None and accelerator_id not in found:
            found[accelerator_id] = part
    return list(found.values())


def add_accelerators(
    backend: Backend, owner: Owner, parts: Sequence[Accelerator], team: str | None = None
) -> None:
    """Add parts, all or none: refused in one line if an id is taken (by the owner or their
    team) or the owner's quota would be passed. An existing part is never replaced."""
    team = owner.check_team(team)
    ids = [p.id for p in parts]
    if len(set(ids)) != len(ids):
        raise TcoError("the same accelerator id appears twice; give each part its own name")
    where, params = _visible(owner)
    with backend.transaction() as tx:
        tx.lock_owner(owner, "accelerators")
        (count,) = tx.execute(
            "SELECT count(*) FROM custom_accelerators WHERE owner_id = ?", [owner.user_id]
        )[0]
        if count + len(parts) > MAX_CUSTOM_ACCELERATORS:
            raise TcoError(
                f"you can keep at most {MAX_CUSTOM_ACCELERATORS} custom accelerators "
                f"({count} now); remove some first"
            )
        for part in parts:
            taken = tx.execute(
                f"SELECT 1 FROM custom_accelerators WHERE id = ? AND {where}",  # noqa: S608 - placeholders only
                [part.id, *params],
            )
            if taken:
                raise TcoError(
                    f"you already have an accelerator with id {part.id!r}; remove it first "
                    "or give the new one another vendor or name"
                )
            tx.execute(
                "INSERT INTO custom_accelerators (owner_id, id, team, label, accelerator_json, "
                "added_at) VALUES (?, ?, ?, ?, ?, ?)",
                [owner.user_id, part.id, team, part.label, part.model_dump_json(), now()],
            )


def delete_own(backend: Backend, owner: Owner, table: str, item_id: str) -> bool:
    """Delete one of the owner's own items of ``table`` (a team-mate's is not theirs to
    delete); True when there was one."""
    if table not in ("custom_accelerators", "saved_scenarios"):
        raise ValueError(f"no table of items named {table!r}")
    with backend.transaction() as tx:
        removed = tx.execute(
            f"DELETE FROM {table} WHERE owner_id = ? AND id = ? RETURNING id",  # noqa: S608 - table checked above
            [owner.user_id, item_id],
        )
    return bool(removed)


# scenarios -----------------------------------------------------------------------------

_SCENARIO_COLUMNS = "id, name, customer_name, saved_at, owner_id, team, scenario_json, parts_json"


def _saved(row: tuple, owner: Owner) -> SavedScenario:
    item_id, name, customer, saved_at, owner_id, team, scenario_json, parts_json = row
    return SavedScenario(
        id=item_id,
        name=name,
        customer_name=customer,
        saved_at=saved_at.strftime("%Y-%m-%d %H:%M"),
        owner_id=owner_id,
        team=team,
        mine=owner_id == owner.user_id,
        scenario_json=scenario_json,
        parts_json=parts_json,
    )


def save_scenario(
    backend: Backend,
    owner: Owner,
    name: str,
    customer_name: str,
    scenario_json: str,
    parts: Sequence[Accelerator] = (),
    *,
    team: str | None = None,
    replace: bool = False,
) -> SavedScenario:
    """Save under ``name``. A name the owner already uses is refused unless ``replace``,
    which keeps the item's id; the quota is checked in the same transaction."""
    team = owner.check_team(team)
    parts_json = json.dumps([p.model_dump(mode="json") for p in parts])
    values = [customer_name, now(), scenario_json, parts_json, team]
    with backend.transaction() as tx:
        tx.lock_owner(owner, "scenarios")
        existing = tx.execute(
            "SELECT id FROM saved_scenarios WHERE owner_id = ? AND name = ?",
            [owner.user_id, name],
        )
        if existing and not replace:
            raise TcoError(
                f"you already have a scenario saved as {name!r}; choose another name, or replace it"
            )
        if existing:
            item_id = existing[0][0]
            tx.execute(
                "UPDATE saved_scenarios SET customer_name = ?, saved_at = ?, "
                "scenario_json = ?, parts_json = ?, team = ? WHERE id = ?",
                [*values, item_id],
            )
        else:
            (count,) = tx.execute(
                "SELECT count(*) FROM saved_scenarios WHERE owner_id = ?", [owner.user_id]
            )[0]
            if count >= MAX_SAVED_SCENARIOS:
                raise TcoError(
                    f"you can keep at most {MAX_SAVED_SCENARIOS} saved scenarios; delete some"
                )
            item_id = secrets.token_hex(8)
            tx.execute(
                "INSERT INTO saved_scenarios (customer_name, saved_at, scenario_json, "
                "parts_json, team, id, owner_id, name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [*values, item_id, owner.user_id, name],
            )
        row = tx.execute(
            f"SELECT {_SCENARIO_COLUMNS} FROM saved_scenarios WHERE id = ?",  # noqa: S608 - fixed columns
            [item_id],
        )[0]
    return _saved(row, owner)


def saved_scenarios(backend: Backend, owner: Owner) -> list[SavedScenario]:
    """The owner's saved scenarios and their teams', newest first."""
    where, params = _visible(owner)
    with backend.transaction() as tx:
        rows = tx.execute(
            f"SELECT {_SCENARIO_COLUMNS} FROM saved_scenarios WHERE {where} "  # noqa: S608 - placeholders only
            "ORDER BY saved_at DESC, name, id",
            params,
        )
    return [_saved(row, owner) for row in rows]


def saved_scenario(backend: Backend, owner: Owner, item_id: str) -> SavedScenario:
    """One saved scenario the owner may load; the same one-line refusal whether it does not
    exist or belongs to someone else (nobody learns what others have saved)."""
    where, params = _visible(owner)
    with backend.transaction() as tx:
        rows = tx.execute(
            f"SELECT {_SCENARIO_COLUMNS} FROM saved_scenarios WHERE id = ? AND {where}",  # noqa: S608 - placeholders only
            [item_id, *params],
        )
    if not rows:
        raise TcoError("no such saved scenario (it may have been deleted)")
    return _saved(rows[0], owner)
