"""Scenario files: load and dump YAML or JSON, safely and with one-line errors.

Used by the CLI, the dashboard's upload and the exports. A file is refused, with one line
naming the field and the reason, when it is too large, not UTF-8, not YAML/JSON, nested
too deeply, uses YAML anchors/aliases, has unknown keys or out-of-range values, or refers
to ids the catalogue does not have. Only a safe YAML loader builds objects (no Python
tags). YAML is read with YAML 1.2's booleans (``true``/``false`` only: ``yes``, ``no``, ``on``
and ``off`` stay text, so ``horizon_months: yes`` is refused instead of becoming 1 month),
and a key given twice in one mapping is refused in YAML and JSON (instead of keeping the
last value silently).
"""

import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.engine.resolve import resolve
from tco.models import Scenario
from tco.models.errors import TcoError, one_line

MAX_BYTES = 1024 * 1024
"""Largest scenario file accepted [bytes]: 1 MB, the limit the dashboard's upload widget
states (Streamlit's smallest); a full 12-workload scenario is about 5 KB."""

MAX_DEPTH = 10
"""Deepest nesting of mappings and lists accepted; a scenario needs 3."""


TOO_LONG_NUMBER = "a number in the file has too many digits to be a scenario value"


class ScenarioFileError(TcoError):
    """A scenario file that cannot be read; the message is one line."""


_BOOL = "tag:yaml.org,2002:bool"


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans, refusing a key given twice."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str | int | float | bool | None):
                continue  # the base class refuses an unhashable key in its own words
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _safe_load(text: str) -> Any:
    """What ``yaml.safe_load`` does, with `_Loader` (a SafeLoader: no Python tags)."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for key, value in pairs:
        if key in mapping:
            raise ScenarioFileError(f"not valid JSON: the key {key!r} is given twice")
        mapping[key] = value
    return mapping


def _depth_of_yaml(text: str) -> None:
    """Refuse anchors, aliases and deep nesting before building any object."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ScenarioFileError("YAML anchors and aliases are not accepted in a scenario")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ScenarioFileError(f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise ScenarioFileError(f"not valid YAML: {_yaml_problem(exc)}") from None


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
    return " ".join(f"{where}{problem}".split())


def _depth_of(value: Any, limit: int = MAX_DEPTH) -> None:
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                raise ScenarioFileError(f"nested more than {limit} levels deep")
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def parse_text(data: str | bytes) -> dict[str, Any]:
    """The mapping in a YAML or JSON document, or ScenarioFileError with one line."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise ScenarioFileError(too_large(len(data)))
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise ScenarioFileError("not a UTF-8 text file") from None
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise ScenarioFileError(too_large(len(data.encode("utf-8"))))
    text = data.lstrip("\ufeff")
    if text.lstrip().startswith(("{", "[")):
        try:
            parsed = json.loads(text, object_pairs_hook=_no_duplicate_keys)
        except ScenarioFileError:
            raise
        except json.JSONDecodeError as exc:
            raise ScenarioFileError(
                f"not valid JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from None
        except RecursionError:
            raise ScenarioFileError(f"nested more than {MAX_DEPTH} levels deep") from None
        except ValueError:  # an integer of more than 4,300 digits
            raise ScenarioFileError(TOO_LONG_NUMBER) from None
        _depth_of(parsed)
    else:
        _depth_of_yaml(text)
        try:
            parsed = _safe_load(text)
        except yaml.YAMLError as exc:
            raise ScenarioFileError(f"not valid YAML: {_yaml_problem(exc)}") from None
        except ValueError:  # an integer of more than 4,300 digits
            raise ScenarioFileError(TOO_LONG_NUMBER) from None
    if not isinstance(parsed, dict):
        raise ScenarioFileError(
            "a scenario is a mapping of fields (name, accelerator_id, workloads, …); "
            "see `tco example`"
        )
    return parsed


def too_large(size: int, *, at_least: bool = False) -> str:
    """Why a file of ``size`` bytes is refused (``at_least``: reading stopped at the limit)."""
    limit_mb = MAX_BYTES // (1024 * 1024)
    more = "more than " if at_least else ""
    return f"the file is {more}{size / 1024:,.0f} KB; a scenario file may be at most {limit_mb} MB"


def check_references(scenario: Scenario, catalogue: Catalogue) -> None:
    """Every id the scenario names exists; TcoError naming the field otherwise."""
    resolve(scenario, catalogue)


def load_scenario(
    data: str | bytes, catalogue: Catalogue | None = None, *, check_ids: bool = True
) -> Scenario:
    """A validated scenario from YAML or JSON text; TcoError with one line otherwise."""
    parsed = parse_text(data)
    try:
        scenario = Scenario.model_validate(parsed)
    except ValidationError as exc:
        raise ScenarioFileError(one_line(exc)) from None
    if check_ids:
        check_references(scenario, catalogue or builtin_catalogue())
    return scenario


def load_scenario_file(
    path: str | Path, catalogue: Catalogue | None = None, *, check_ids: bool = True
) -> Scenario:
    """Read a scenario file from disk (size checked before reading it whole)."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise ScenarioFileError(too_large(size))
        data = file.read_bytes()
    except OSError as exc:
        raise ScenarioFileError(f"{path}: {exc.strerror or 'cannot be read'}") from None
    return load_scenario(data, catalogue, check_ids=check_ids)


YAML_LINE_BREAKS = "\x85\u2028\u2029"  # besides \n and \r


class _Dumper(yaml.SafeDumper):
    """Safe YAML whose strings come back as written.

    PyYAML writes U+0085 (NEL, a YAML line break) raw inside a quoted string, and reads it
    back as a space; strings holding a YAML line break are double-quoted, which escapes it.
    """


def _string(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(ch in text for ch in YAML_LINE_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _string)


def dump_scenario(scenario: Scenario, fmt: Literal["yaml", "json"] = "yaml") -> str:
    """The scenario as YAML (comments-free, field order of the model) or JSON text."""
    data = scenario.model_dump(mode="json")
    if fmt == "json":
        return json.dumps(data, indent=2, allow_nan=False) + "\n"
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
