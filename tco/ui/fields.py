"""Scenario fields by dotted path: their help text, bounds, display units and changes.

A widget edits one field, named by its path in the scenario (``finance.wacc_frac``). The
model supplies the help text and the bounds; a ``Spec`` adds the short label and the unit
the user sees (fractions are shown as percentages, tokens per day in billions).
"""

import re
from dataclasses import dataclass
from typing import Any, Literal

import annotated_types as at
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from tco.models import Scenario
from tco.present.inputs import reason_in_words
from tco.present.numbers import plain_number

ENTERED_MONEY = "Enter US dollars of the price year, whatever currency the results are shown in."
"""Every money figure a user types is in one currency: the catalogue's (tco/costs/currency.py)."""

AUTOMATIC = ""
"""What a select shows for an optional choice left empty (the engine then chooses)."""

Kind = Literal["number", "int", "toggle", "select", "text"]


def field_info(path: str, model: type[BaseModel] = Scenario) -> FieldInfo:
    """The pydantic field at a dotted path (``deployment.kind``)."""
    head, _, rest = path.partition(".")
    info = model.model_fields[head]
    if not rest:
        return info
    nested = info.annotation
    if not (isinstance(nested, type) and issubclass(nested, BaseModel)):
        raise KeyError(f"{head} has no fields of its own, so {path!r} names none")
    return field_info(rest, nested)


def get(scenario: BaseModel, path: str) -> Any:
    value: Any = scenario
    for part in path.split("."):
        value = getattr(value, part)
    return value


def with_value(scenario: Scenario, path: str, value: Any) -> Scenario:
    """A new, validated scenario with one field changed; ValidationError when invalid."""
    data = scenario.model_dump()
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        node = node[part]
    node[leaf] = value
    return Scenario.model_validate(data)


@dataclass(frozen=True)
class Spec:
    """How one scenario field appears as a widget."""

    path: str
    label: str
    kind: Kind = "number"
    unit: str = ""  # the unit shown to the user, e.g. "%/yr"
    scale: float = 1.0  # shown value = stored value × scale
    step: float | None = None
    placeholder: str = "catalogue value"  # shown when an optional field is empty

    @property
    def key(self) -> str:
        return f"sc.{self.path}"

    @property
    def title(self) -> str:
        return f"{self.label} [{self.unit}]" if self.unit else self.label

    @property
    def number_format(self) -> str:
        """printf format of the widget: whole dollars for amounts stepped in whole dollars
        (a price of 1500000 USD, never 1.5e+06), else the shortest form."""
        whole_dollars = self.unit.startswith("USD") and (self.step or 0) >= 1
        return "%.0f" if whole_dollars else "%g"

    @property
    def optional(self) -> bool:
        return not field_info(self.path).is_required() and field_info(self.path).default is None

    def help(self) -> str:
        """The model's description, its unit rewritten to the one shown, and the range."""
        text = field_info(self.path).description or ""
        if self.unit:
            text = re.sub(r"\[[^\]]*\]", f"[{self.unit}]", text)
        low, high = self.bounds() if self.kind in ("number", "int") else (None, None)
        if low is not None and high is not None:
            text += f" Allowed: {low:g} to {high:g} {self.unit}".rstrip() + "."
        if "USD" in self.unit:
            text += f" {ENTERED_MONEY}"
        return text

    def bounds(self) -> tuple[float | None, float | None]:
        """Smallest and largest allowed shown values, from the model's constraints."""
        low = high = None
        for item in field_info(self.path).metadata:
            if isinstance(item, at.Ge | at.Gt):
                low = float(getattr(item, "ge", getattr(item, "gt", 0))) * self.scale
            if isinstance(item, at.Le | at.Lt):
                high = float(getattr(item, "le", getattr(item, "lt", 0))) * self.scale
        return low, high

    def shown(self, value: Any) -> Any:
        """Stored value → what the widget shows (numbers as floats, ints as ints)."""
        if value is None and self.kind == "select":
            return AUTOMATIC  # an optional choice left to the engine
        if value is None or self.kind not in ("number", "int"):
            return value
        if self.kind == "int":
            return int(value)
        return round(float(value) * self.scale, 9)

    def stored(self, value: Any) -> Any:
        """What the widget holds → stored value (blank text → the field's default)."""
        if self.kind == "select" and value == AUTOMATIC:
            return None
        if self.kind == "number" and value is not None and self.scale != 1:
            return round(value / self.scale, 12)
        if self.kind == "int" and value is not None:
            return int(value)
        return value

    def explain(self, exc: Exception) -> str:
        """One line about why a value for this field was refused, in the shown units."""
        if isinstance(exc, ValidationError):
            error = exc.errors(include_url=False)[0]
            if error.get("type") == "string_too_short":
                return f"{self.label} cannot be empty"
            limits = {"le": "at most", "ge": "at least", "lt": "below", "gt": "above"}
            for name, words in limits.items():
                if name in (error.get("ctx") or {}):
                    bound = float(error["ctx"][name]) * (self.scale if self.kind == "number" else 1)
                    return f"{self.label} must be {words} {plain_number(bound)} {self.unit}".strip()
            return reason_in_words(exc)
        return str(exc)
