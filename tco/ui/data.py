"""Cached access to the catalogue and the local store for the pages."""

import hashlib
from pathlib import Path

import streamlit as st

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.data.sql.worker import IsolatedSandbox
from tco.data.store import SavedScenario, Store, default_store_path
from tco.models import Accelerator

CUSTOM_TTL_S = 30  # another process (the CLI) may add accelerators; look again this often


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(Path(path))


def store() -> Store:
    """One store object per store file and server process (it opens a connection per call)."""
    return _store(str(default_store_path()))


@st.cache_resource(show_spinner=False)
def _builtin() -> Catalogue:
    return builtin_catalogue()


@st.cache_resource(show_spinner=False, ttl=CUSTOM_TTL_S)
def _custom(path: str) -> tuple[Accelerator, ...]:
    return tuple(_store(path).custom_accelerators())


def custom_accelerators() -> tuple[Accelerator, ...]:
    """The user's own accelerators from the local store."""
    return _custom(str(default_store_path()))


def catalogue() -> Catalogue:
    """The built-in catalogue plus the user's own accelerators."""
    return _builtin().with_accelerators(list(custom_accelerators()))


def catalogue_key() -> str:
    """Short fingerprint of the user's accelerators, for cache keys of anything they change."""
    text = "|".join(a.model_dump_json() for a in custom_accelerators())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def custom_accelerators_changed() -> None:
    """Call after adding or removing an accelerator so every page sees the change."""
    _custom.clear()


@st.cache_resource(show_spinner=False, ttl=CUSTOM_TTL_S)
def _saved(path: str) -> tuple[SavedScenario, ...]:
    return tuple(_store(path).saved_scenarios())


def saved_scenarios() -> tuple[SavedScenario, ...]:
    """The named scenarios in the local store, newest first. Cached: opening the store file
    costs ~20 ms, which every run of the Scenario page paid (bench/bench_load.py)."""
    return _saved(str(default_store_path()))


def saved_scenarios_changed() -> None:
    """Call after saving or deleting a scenario so every page sees the change."""
    _saved.clear()


@st.cache_resource(show_spinner=False)
def sql_sandbox() -> IsolatedSandbox:
    """The SQL box's locked-down DuckDB, in one worker process per server (tco.data.sql.worker);
    pass it the user's accelerators with each query."""
    return IsolatedSandbox()
