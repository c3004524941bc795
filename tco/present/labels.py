"""Plain-language names of the engine's ids, the same on pages, charts, decks and workbooks."""

from tco.costs.components import CAPITAL_COMPONENTS
from tco.models.units import MONTHS_PER_YEAR
from tco.present.money import usd


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


def _value_and_unit(value: float, unit: str) -> tuple[str, str]:
    if unit.startswith("fraction"):
        return f"{value * 100:.3g}", "%" + ("/yr" if unit.endswith("/yr") else "")
    if unit == "months":
        return f"{value / MONTHS_PER_YEAR:.3g}", "years"
    if unit == "USD":
        return usd(value), ""
    if unit.startswith("USD/"):
        return usd(value), "/" + unit.removeprefix("USD/")
    if unit in ("ratio", "×"):
        return f"{value:,.3g}", "×" if unit == "×" else ""
    return f"{value:,.3g}", unit


def _join(number: str, unit: str) -> str:
    return f"{number}{unit}" if unit.startswith("/") or not unit else f"{number} {unit}"


def input_value(value: float, unit: str) -> str:
    """One end of an input's range in the units the form uses: 10 %/yr, 5 years, $3.60/h.

    The tornado varies hardware life in whole months (the timeline's step); the form and
    every sentence use years, so months are shown as years.
    """
    return _join(*_value_and_unit(value, unit))


def input_range(low: float, high: float, unit: str) -> str:
    """'4 to 6 years', '5 to 11 %/yr', '$24 k to $36 k', '$2.52 to $4.68/h'."""
    (low_text, shown), (high_text, _) = _value_and_unit(low, unit), _value_and_unit(high, unit)
    return f"{low_text} to {_join(high_text, shown)}"
