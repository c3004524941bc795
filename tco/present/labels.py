"""Plain-language names of the engine's ids, the same on pages, charts, decks and workbooks."""

from tco.costs.components import CAPITAL_COMPONENTS


def component_label(key: str) -> str:
    """``cloud_rental`` → ``Cloud rental`` (a breakdown component's name)."""
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def is_capital(key: str) -> bool:
    """Whether a breakdown component is a capital charge (else operating)."""
    return key in CAPITAL_COMPONENTS


def component_kind(key: str) -> str:
    """``Capital`` or ``Operating``."""
    return "Capital" if is_capital(key) else "Operating"
