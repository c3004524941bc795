"""Cached access to the catalogue and to the signed-in user's items in the store.

The catalogue a session computes with is the built-in one, plus the user's own (and their
teams') accelerators, plus the parts a link or a loaded scenario carried into this session
(`tco.io.carried_parts`). When the store cannot be read (busy, damaged, unreachable), pages
go on with the built-in catalogue and say why in one line: nothing that does not need the
store waits for it or fails because of it.
"""

import hashlib
import os

import streamlit as st

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.data.sql.worker import IsolatedSandbox
from tco.data.store import (
    DATABASE_URL_ENV,
    Backend,
    Owner,
    SavedScenario,
    Store,
    default_store_path,
    open_backend,
)
from tco.models import Accelerator
from tco.models.errors import TcoError
from tco.ui.identity import current_owner

LOCAL_TTL_S = 30
"""How long the lists from a local store file are kept (the CLI may change the file)."""
READ_WAIT_S = 1.0
"""How long a page waits for a store file another program holds, before going on without."""
_CARRIED = "tco.carried_parts"


@st.cache_resource(show_spinner=False)
def _open(where: str) -> Backend:
    return open_backend(busy_wait_s=READ_WAIT_S)


def _where() -> str:
    return os.environ.get(DATABASE_URL_ENV, "").strip() or str(default_store_path())


def _backend() -> Backend:
    """One database per server process and configuration (``TCO_DATABASE_URL`` or the file)."""
    return _open(_where())


def store() -> Store | None:
    """The signed-in user's view of the store; None for an anonymous session (sign-in on)
    or when the store cannot be opened (`store_problem` says why)."""
    owner = current_owner()
    if owner is None:
        return None
    try:
        return Store(owner=owner, backend=_backend())
    except TcoError:
        return None


def store_problem() -> str | None:
    """Why the store cannot be used right now, in one line without paths, or None."""
    try:
        _backend()
    except TcoError as exc:
        return str(exc)
    return _listed(_owner_key())[2]


def _owner_key() -> str:
    owner = current_owner()
    return "" if owner is None else f"{owner.user_id}\n" + "\n".join(owner.teams)


def _owner_of(key: str) -> Owner:
    user, *teams = key.split("\n")
    return Owner(user, tuple(teams))


def _read(key: str) -> tuple[tuple[Accelerator, ...], tuple[SavedScenario, ...], str | None]:
    if not key:
        return (), (), None
    try:
        view = Store(owner=_owner_of(key), backend=_backend())
        return tuple(view.custom_accelerators()), tuple(view.saved_scenarios()), None
    except TcoError as exc:
        return (), (), str(exc)


@st.cache_resource(show_spinner=False, ttl=LOCAL_TTL_S)
def _read_local(
    where: str, key: str
) -> tuple[tuple[Accelerator, ...], tuple[SavedScenario, ...], str | None]:
    return _read(key)


def _listed(key: str) -> tuple[tuple[Accelerator, ...], tuple[SavedScenario, ...], str | None]:
    """The owner's parts and saved scenarios. A local file's lists are cached (opening the
    file costs ~20 ms a run, bench/bench_load.py); a shared database is read each time, so
    replicas see each other's saves at once (~1 ms a query)."""
    try:
        shared = _backend().shared
    except TcoError as exc:
        return (), (), str(exc)
    return _read(key) if shared else _read_local(_where(), key)


def custom_accelerators() -> tuple[Accelerator, ...]:
    """The user's own accelerators and those their teams share."""
    return _listed(_owner_key())[0]


def saved_scenarios() -> tuple[SavedScenario, ...]:
    """The user's saved scenarios and those their teams share, newest first."""
    return _listed(_owner_key())[1]


def store_changed() -> None:
    """Call after a save, delete, add or removal so every page sees the change."""
    _read_local.clear()


def carried_parts() -> list[Accelerator]:
    """Parts a link or a loaded scenario brought into this session."""
    return st.session_state.get(_CARRIED, [])


def carry(parts: list[Accelerator]) -> None:
    """Add parts (already adopted: `tco.io.carried_parts.adopt`) to this session."""
    known = {p.id for p in carried_parts()}
    st.session_state[_CARRIED] = carried_parts() + [p for p in parts if p.id not in known]


@st.cache_resource(show_spinner=False)
def _builtin() -> Catalogue:
    return builtin_catalogue()


def catalogue() -> Catalogue:
    """The built-in catalogue, the user's accelerators and the parts carried in."""
    return _builtin().with_accelerators([*custom_accelerators(), *carried_parts()])


def catalogue_key() -> str:
    """Short fingerprint of the parts beyond the built-in ones, for cache keys."""
    parts = [*custom_accelerators(), *carried_parts()]
    text = "|".join(a.model_dump_json() for a in parts)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@st.cache_resource(show_spinner=False)
def sql_sandbox() -> IsolatedSandbox:
    """The SQL box's locked-down DuckDB, in worker processes (tco.data.sql.worker); pass it
    the user's accelerators with each query."""
    return IsolatedSandbox()
