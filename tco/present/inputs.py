"""A scenario's inputs in words: what each one means, its unit and its value as people read it.

Every leaf of a `Scenario` (``finance.wacc_frac``, ``workloads.rag.share_frac``) is an
`Input` with its path (for files and the CLI) and a label in words taken from the model's
field description ("RAG answers: share of the scenario's tokens"), so decks, workbooks and
pages never show a field name. Catalogue ids read as their names, fractions as percentages,
large numbers without exponents; an empty optional field says what empty means ("the
cooling's maximum"). Names and labels (scenario name, customer, workload ids and names) are
not inputs.
"""

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import get_args

from pydantic import BaseModel, ValidationError

from tco.data.catalogue import Catalogue
from tco.models import Scenario
from tco.present.numbers import plain_number

NOT_INPUTS = frozenset({"schema_version", "name", "customer_name", "deployment.name",
                        "deployment.notes"})  # fmt: skip
_NOT_WORKLOAD_INPUTS = frozenset({"id", "name"})
_UNIT = re.compile(r"\s*\[([^\]]+)\]")
_EMPTY = re.compile(r";\s*empty\s*=\s*(.+)$")
SHOWN_UNITS = {"0-1": "%", "0-1/yr": "%/yr"}
"""Fractions are stored 0-1 and shown as percentages."""
_NAMED = {"accelerator_id": "accelerators", "site_id": "sites", "cooling_id": "cooling",
          "model_id": "models", "id": "deployments"}  # fmt: skip
"""Fields holding a catalogue id → the table whose row names it."""
_WORDS = {"on_demand": "on demand", "reserved_1y": "reserved for 1 year",
          "reserved_3y": "reserved for 3 years"}  # fmt: skip


@dataclass(frozen=True)
class Input:
    """One leaf of a scenario: its path in the scenario file, meaning, unit and value.

    label: in words, with the workload's name for workload fields [text].
    unit: the stored unit, from the field description ("0-1", "USD/h"; "" if none).
    empty: what an empty value means ("the part's usual system"), for optional fields.
    """

    path: str
    label: str
    unit: str
    value: object
    empty: str = "the catalogue's figure"

    @property
    def shown_unit(self) -> str:
        """The unit a reader sees: percentages for fractions."""
        return SHOWN_UNITS.get(self.unit, self.unit)

    @property
    def is_fraction(self) -> bool:
        return self.unit in SHOWN_UNITS


def _describe(description: str | None, name: str) -> tuple[str, str, str | None]:
    """Label, unit and the meaning of empty from a field description."""
    text = (description or name.replace("_", " ")).strip()
    match = _UNIT.search(text)
    unit = match.group(1) if match else ""
    label = _UNIT.sub("", text, count=1).rstrip(".").strip()
    empty = _EMPTY.search(label)
    if empty:
        label = label[: empty.start()].rstrip()
    return label, unit, empty.group(1).strip() if empty else None


def _leaves(model: BaseModel, prefix: str = "", owner: str = "") -> Iterator[Input]:
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        path = f"{prefix}{name}"
        if isinstance(value, BaseModel):
            yield from _leaves(value, f"{path}.", owner)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for item in value:
                yield from _leaves(item, f"{path}.{item.id}.", getattr(item, "name", item.id))
        elif not (owner and name in _NOT_WORKLOAD_INPUTS):
            label, unit, empty = _describe(info.description, name)
            if owner:
                label = f"{owner}: {label[:1].lower()}{label[1:]}"
            yield Input(
                path,
                label,
                unit,
                value.value if isinstance(value, Enum) else value,
                empty or Input.empty,
            )


def inputs(scenario: Scenario) -> list[Input]:
    """Every input of the scenario, in the order of the scenario file."""
    return [i for i in _leaves(scenario) if i.path not in NOT_INPUTS]


def value_text(item: Input, value: object, catalogue: Catalogue) -> str:
    """A value as a reader sees it: names for ids, % for fractions, units, no exponents."""
    if value is None:
        return item.empty
    if isinstance(value, bool):
        return "yes" if value else "no"
    leaf = item.path.rsplit(".", 1)[-1]
    if isinstance(value, str):
        table = _NAMED.get(leaf)
        row = getattr(catalogue, table).get(value) if table else None
        if row is not None:
            return getattr(row, "label", None) or row.name
        if leaf == "precision":
            return value.upper()
        return _WORDS.get(value, value.replace("_", " "))
    if isinstance(value, int | float):
        if item.is_fraction:
            return f"{plain_number(round(value * 100, 2))} {item.shown_unit}"
        return f"{plain_number(value)} {item.unit}".strip()
    return str(value)


@dataclass(frozen=True)
class Difference:
    """An input that differs between two scenarios, in words."""

    input: Input
    before: str
    after: str


def differences(before: Scenario, after: Scenario, catalogue: Catalogue) -> list[Difference]:
    """Inputs whose value differs from ``before`` to ``after``, in the order of the file;
    a workload added or removed is one line."""
    old = {i.path: i for i in inputs(before)}
    new = {i.path: i for i in inputs(after)}
    found = []
    for path, item in new.items():
        if path in old and not same(old[path].value, item.value):
            found.append(
                Difference(
                    item,
                    value_text(old[path], old[path].value, catalogue),
                    value_text(item, item.value, catalogue),
                )
            )
    before_mix = {w.id: w.name for w in before.workloads}
    after_mix = {w.id: w.name for w in after.workloads}
    for wid in before_mix.keys() ^ after_mix.keys():
        name = before_mix.get(wid) or after_mix[wid]
        item = Input(f"workloads.{wid}", f"Workload {name}", "", None)
        gone = wid in before_mix
        found.append(Difference(item, "in the mix" if gone else "—", "—" if gone else "added"))
    return found


def same(a: object, b: object) -> bool:
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


_LIMITS = {"gt": "more than", "ge": "at least", "lt": "less than", "le": "at most"}


def _field(model: type[BaseModel], loc: tuple) -> tuple[str, str]:
    """Label and unit of the field a validation error points at (its last named part)."""
    label, unit = "", ""
    current: object = model
    for part in loc:
        fields = getattr(current, "model_fields", None)
        if not isinstance(part, str) or fields is None or part not in fields:
            continue
        info = fields[part]
        label, unit, _ = _describe(info.description, part)
        nested = [a for a in (info.annotation, *get_args(info.annotation)) if _is_model(a)]
        current = nested[0] if nested else None
    return label, unit


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def reason_in_words(exc: ValidationError, model: type[BaseModel] = Scenario) -> str:
    """Why ``model`` refused a value, in words: "Share of the scenario's tokens (input +
    output) must be more than 0 %", never "share_frac: Input should be greater than 0".

    Bounds of a fraction are shown in percent, as the form shows fractions.
    """
    error = exc.errors(include_url=False, include_input=False)[0]
    label, unit = _field(model, tuple(error.get("loc", ())))
    label = label or "A value"
    ctx = error.get("ctx") or {}
    for key, words in _LIMITS.items():
        if key in ctx and isinstance(ctx[key], int | float):
            bound = float(ctx[key])
            shown = f"{plain_number(bound * 100)} %" if unit in SHOWN_UNITS else (
                f"{plain_number(bound)} {unit}".strip()
            )  # fmt: skip
            return f"{label} must be {words} {shown}"
    if error.get("type") == "missing":
        return f"{label} is required"
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    if error.get("type") in ("value_error", "assertion_error"):
        return message[:1].upper() + message[1:]
    return f"{label}: {message[:1].lower()}{message[1:]}"
