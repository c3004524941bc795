"""Cached access to the catalogue for the pages."""

import pandas as pd
import streamlit as st

from tco.catalogue import Catalogue, builtin_catalogue
from tco.store import Store


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """One store object per server process (it opens a connection per operation)."""
    return Store()


@st.cache_resource(show_spinner=False)
def _builtin() -> Catalogue:
    return builtin_catalogue()


def catalogue() -> Catalogue:
    """The built-in catalogue plus the user's own accelerators."""
    return _builtin().with_accelerators(store().custom_accelerators())


def accelerator_frame(cat: Catalogue) -> pd.DataFrame:
    return pd.DataFrame([a.model_dump(mode="json") for a in cat.accelerators.values()])
