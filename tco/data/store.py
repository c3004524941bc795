"""The local store: user-added accelerators and saved scenarios in one DuckDB file.

The built-in CSV catalogue is never written. The store lives at ``$TCO_STORE_PATH`` or, by
default, ``~/.local/share/inference-tco/store.duckdb``. Every write is one transaction, so
a crash leaves either the whole item or nothing.
"""

import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
from pydantic import ValidationError

from tco.data.catalogue import builtin_catalogue, table_columns
from tco.models import Accelerator, Scenario
from tco.models.errors import TcoError, one_line

MAX_SAVED_SCENARIOS = 500
MAX_CUSTOM_ACCELERATORS = 200
_LOCK_RETRY_S = 5.0


def default_store_path() -> Path:
    env = os.environ.get("TCO_STORE_PATH")
    if env:
        return Path(env)
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "inference-tco" / "store.duckdb"


def slugify(text: str) -> str:
    """Lower-case slug of letters, digits and hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "item"


@dataclass(frozen=True)
class SavedScenario:
    name: str
    customer_name: str
    saved_at: str
    scenario_json: str

    def scenario(self) -> Scenario:
        return Scenario.model_validate_json(self.scenario_json)


class Store:
    """User data in a DuckDB file beside the built-in catalogue."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else default_store_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as con:
            columns = ", ".join(
                f'"{name}" {kind}' for name, kind in table_columns(Accelerator).items()
            )
            con.execute(
                f"CREATE TABLE IF NOT EXISTS custom_accelerators ({columns}, PRIMARY KEY (id))"
            )
            con.execute(
                "CREATE TABLE IF NOT EXISTS scenarios (name VARCHAR PRIMARY KEY, "
                "customer_name VARCHAR, saved_at TIMESTAMP DEFAULT current_timestamp, "
                "scenario_json VARCHAR NOT NULL)"
            )

    @contextmanager
    def _connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection, retrying while another process holds the file's lock."""
        deadline = time.monotonic() + _LOCK_RETRY_S
        while True:
            try:
                con = duckdb.connect(str(self.path))
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                    raise TcoError(f"the local store {self.path} is busy or unreadable") from None
                time.sleep(0.05)
        try:
            yield con
        finally:
            con.close()

    # accelerators --------------------------------------------------------------------

    def custom_accelerators(self) -> list[Accelerator]:
        with self._connect() as con:
            cursor = con.execute("SELECT * FROM custom_accelerators ORDER BY id")
            names = [d[0] for d in cursor.description]
            rows = cursor.fetchall()
        return [
            Accelerator.model_validate(
                {k: v for k, v in zip(names, row, strict=True) if v is not None}
            )
            for row in rows
        ]

    def add_accelerator(self, accelerator: Accelerator) -> Accelerator:
        """Persist a user accelerator; its id must not shadow a built-in one."""
        accelerator = accelerator.model_copy(update={"custom": True})
        if accelerator.id in builtin_catalogue().accelerators:
            raise TcoError(f"id {accelerator.id!r} is a built-in accelerator; choose another id")
        columns = table_columns(Accelerator)
        values = [getattr(accelerator, c) for c in columns]
        with self._connect() as con:
            (count,) = con.execute("SELECT count(*) FROM custom_accelerators").fetchall()[0]
            exists = con.execute(
                "SELECT 1 FROM custom_accelerators WHERE id = ?", [accelerator.id]
            ).fetchone()
            if count >= MAX_CUSTOM_ACCELERATORS and not exists:
                raise TcoError(
                    f"the store holds at most {MAX_CUSTOM_ACCELERATORS} custom accelerators"
                )
            marks = ", ".join("?" for _ in columns)
            con.execute(f"INSERT OR REPLACE INTO custom_accelerators VALUES ({marks})", values)  # noqa: S608 - columns from the model
        return accelerator

    def remove_accelerator(self, accelerator_id: str) -> bool:
        with self._connect() as con:
            removed = con.execute(
                "DELETE FROM custom_accelerators WHERE id = ? RETURNING id", [accelerator_id]
            ).fetchall()
        return bool(removed)

    # scenarios -----------------------------------------------------------------------

    def save_scenario(self, scenario: Scenario, name: str | None = None) -> str:
        name = " ".join((name or scenario.name).split())[:120]
        if not name:
            raise TcoError("a saved scenario needs a name")
        payload = scenario.model_dump_json(exclude_defaults=True)
        with self._connect() as con:
            (count,) = con.execute("SELECT count(*) FROM scenarios").fetchall()[0]
            exists = con.execute("SELECT 1 FROM scenarios WHERE name = ?", [name]).fetchone()
            if count >= MAX_SAVED_SCENARIOS and not exists:
                raise TcoError(
                    f"the store holds at most {MAX_SAVED_SCENARIOS} scenarios; delete some"
                )
            con.execute(
                "INSERT OR REPLACE INTO scenarios (name, customer_name, saved_at, scenario_json) "
                "VALUES (?, ?, current_timestamp, ?)",
                [name, scenario.customer_name, payload],
            )
        return name

    def saved_scenarios(self) -> list[SavedScenario]:
        with self._connect() as con:
            rows = con.execute(
                "SELECT name, customer_name, strftime(saved_at, '%Y-%m-%d %H:%M'), scenario_json "
                "FROM scenarios ORDER BY saved_at DESC, name"
            ).fetchall()
        return [SavedScenario(*row) for row in rows]

    def load_scenario(self, name: str) -> Scenario:
        with self._connect() as con:
            row = con.execute(
                "SELECT scenario_json FROM scenarios WHERE name = ?", [name]
            ).fetchone()
        if row is None:
            raise TcoError(f"no saved scenario named {name!r}")
        try:
            return Scenario.model_validate_json(row[0])
        except ValidationError as exc:
            raise TcoError(
                f"saved scenario {name!r} no longer validates: {one_line(exc)}"
            ) from None

    def delete_scenario(self, name: str) -> bool:
        with self._connect() as con:
            removed = con.execute(
                "DELETE FROM scenarios WHERE name = ? RETURNING name", [name]
            ).fetchall()
        return bool(removed)
