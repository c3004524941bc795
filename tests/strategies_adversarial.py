"""Adversarial hypothesis strategies and the contract every outcome must meet.

Valid but extreme inputs are drawn from the models' own bounds (``ge``/``gt``/``le`` of every
field, with the bounds themselves drawn often), so they follow the models as they change:
any accelerator (priced or not, built-in or a user's own with extreme figures), any model,
every cooling × deployment × site, 1-12 workloads, zero to 1e16 tokens a day. Malformed
inputs are valid scenario documents with wrong types, unknown keys, NaN/inf, huge strings
and numbers, deep nesting, or hostile YAML (Python tags, anchors, bombs), and raw garbage.

What every outcome must be is in tests/fuzz_contract.py.
"""

import copy
import json
import math
import typing
from enum import Enum
from types import UnionType

import annotated_types as at
import yaml
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.data.presets import example_scenario
from tco.io.scenario_files import MAX_BYTES, dump_scenario
from tco.models import Accelerator, Deployment, Scenario, Workload

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part

CATALOGUE = builtin_catalogue()
UNBOUNDED = 1e12
"""Upper end drawn for a number field without an upper bound."""

# Text a user might type into a name, chosen to break renderers and spreadsheets.
HOSTILE_TEXT = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click me](https://evil.example/phish)",
    "![pixel](https://evil.example/p.png)",
    "**bold** _it_ `code` $x^2$ :red[red] :material/home:",
    '=HYPERLINK("https://evil.example","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTAB",
    "%{y} <extra>x</extra> <b>b</b> <a href='javascript:alert(1)'>a</a>",
    "\u202eevil\u202c RTL override",
    "zero\u200bwidth",
    "emoji 📉 and 漢字",
    "back\\slash and | pipe # hash",
)


# --- numbers and fields from the models' bounds --------------------------------------------


def _bounds(metadata: list) -> tuple[float | None, float | None, bool, bool]:
    """(low, high, low excluded, high excluded) from a field's annotated-types metadata."""
    low = high = None
    low_open = high_open = False
    for item in metadata:
        if isinstance(item, at.Ge) and (low is None or item.ge >= low):
            low, low_open = item.ge, False
        elif isinstance(item, at.Gt) and (low is None or item.gt >= low):
            low, low_open = item.gt, True
        elif isinstance(item, at.Le) and (high is None or item.le <= high):
            high, high_open = item.le, False
        elif isinstance(item, at.Lt) and (high is None or item.lt <= high):
            high, high_open = item.lt, True
    return low, high, low_open, high_open


def bounded_floats(metadata: list) -> st.SearchStrategy[float]:
    """Floats inside a field's bounds, with the bounds and their neighbours drawn often."""
    low, high, low_open, high_open = _bounds(metadata)
    low = -UNBOUNDED if low is None else float(low)
    high = UNBOUNDED if high is None else float(high)
    lo = math.nextafter(low, math.inf) if low_open else low
    hi = math.nextafter(high, -math.inf) if high_open else high
    edges = sorted({lo, hi, min(hi, max(lo, 1e-9)), min(hi, max(lo, 1.0))})
    return st.one_of(
        st.sampled_from(edges),
        st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False),
    )


def bounded_ints(metadata: list) -> st.SearchStrategy[int]:
    low, high, low_open, high_open = _bounds(metadata)
    lo = -(10**12) if low is None else int(low) + (1 if low_open else 0)
    hi = 10**12 if high is None else int(high) - (1 if high_open else 0)
    return st.one_of(st.sampled_from([lo, hi]), st.integers(min_value=lo, max_value=hi))


def hostile_text(min_size: int = 0, max_size: int = 120) -> st.SearchStrategy[str]:
    """Names with markup, formulas and odd Unicode, cut to the field's length."""
    raw = st.one_of(
        st.sampled_from(HOSTILE_TEXT),
        st.text(min_size=0, max_size=max_size),
        st.lists(st.sampled_from(HOSTILE_TEXT), min_size=1, max_size=4).map(" ".join),
    )
    return raw.map(lambda s: s[:max_size].strip()).filter(lambda s: len(s) >= min_size)


def _text_limits(metadata: list) -> tuple[int, int]:
    low, high = 0, 2000
    for item in metadata:
        low = max(low, getattr(item, "min_length", None) or 0)
        high = min(high, getattr(item, "max_length", None) or high)
    return low, high


def _is_model(annotation: object) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def value_for(annotation: object, metadata: list) -> st.SearchStrategy:
    """A legal value for a field with this annotation and metadata."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, UnionType):
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        return st.one_of(st.none(), value_for(inner[0], metadata))
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return bounded_ints(metadata)
    if annotation is float:
        return bounded_floats(metadata)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return st.sampled_from(list(annotation))
    if annotation is str:
        return hostile_text(*_text_limits(metadata))
    if _is_model(annotation):
        return model_fields(annotation)
    raise NotImplementedError(f"no strategy for {annotation!r}")


def model_fields(model: type[BaseModel], **fixed: st.SearchStrategy) -> st.SearchStrategy[dict]:
    """A dict of legal values for every field of ``model`` (``fixed`` overrides some)."""
    parts = {
        name: fixed[name] if name in fixed else value_for(info.annotation, info.metadata)
        for name, info in model.model_fields.items()
    }
    return st.fixed_dictionaries(parts)


# --- valid but extreme scenarios -----------------------------------------------------------


def ids(table: str, catalogue: Catalogue = CATALOGUE) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(getattr(catalogue, table)))


@st.composite
def extreme_accelerators(draw) -> Accelerator:
    """A user's own accelerator with any legal figures (tiny memory, huge power, no price…)."""
    fields = draw(
        model_fields(
            Accelerator,
            id=st.from_regex(r"\Acustom-[a-z0-9]{1,8}\Z"),
            bf16_dense_tflops=bounded_floats(
                Accelerator.model_fields["bf16_dense_tflops"].metadata
            ),
        )
    )
    if fields["scale_up_domain"] > 1 and fields["scale_up_bandwidth_gb_per_s"] is None:
        fields["scale_up_bandwidth_gb_per_s"] = 1e-3
    fields["custom"] = True
    return Accelerator.model_validate(fields)


@st.composite
def workload_mixes(draw, cloud: bool) -> list[dict]:
    """1-12 workloads on any model and precision, with shares summing to one."""
    count = draw(st.integers(min_value=1, max_value=12))
    weights = draw(st.lists(st.integers(1, 1000), min_size=count, max_size=count))
    mix = []
    for index, weight in enumerate(weights):
        fields = draw(
            model_fields(
                Workload,
                id=st.just(f"w{index}"),
                model_id=ids("models"),
                share_frac=st.just(weight / sum(weights)),
                sovereign=st.just(False) if cloud else st.booleans(),
            )
        )
        mix.append(fields)
    drift = 1.0 - sum(w["share_frac"] for w in mix)
    mix[0]["share_frac"] += drift
    return mix


def cloud_choices(catalogue: Catalogue = CATALOGUE) -> dict[str, st.SearchStrategy]:
    """A provider and a region as the cloud price table names them, or left to the site."""
    rows = catalogue.cloud_prices
    return {
        "cloud_provider": st.sampled_from([None, *sorted({r.provider for r in rows})]),
        "cloud_region": st.sampled_from([None, *sorted({r.region for r in rows})]),
    }


@st.composite
def deployments(draw) -> dict:
    """A catalogue preset, often moved to any legal ownership and prices."""
    preset = CATALOGUE.get("deployments", draw(ids("deployments"))).as_deployment()
    fields = preset.model_dump()
    if draw(st.booleans()):
        fields = draw(model_fields(Deployment, id=st.just(preset.id), **cloud_choices()))
    if fields["kind"] == "hybrid" and not 0 < fields["owned_base_frac"] < 1:
        fields["owned_base_frac"] = draw(st.sampled_from([1e-6, 0.5, 1 - 1e-6]))
    return fields


@st.composite
def scenarios_anywhere(draw, accelerator_ids: st.SearchStrategy[str] | None = None) -> Scenario:
    """A valid scenario anywhere in the models' bounds, on any part, model, site and cooling."""
    deployment = draw(deployments())
    fields = draw(
        model_fields(
            Scenario,
            accelerator_id=ids("accelerators") if accelerator_ids is None else accelerator_ids,
            site_id=ids("sites"),
            cooling_id=ids("cooling"),
            deployment=st.just(deployment),
            workloads=workload_mixes(cloud=deployment["kind"] == "cloud"),
            demand=model_fields(
                Scenario.model_fields["demand"].annotation,
                tokens_per_day=st.sampled_from([0.0, 1.0, 1e3, 1e9, 1e12, 1e16]),
            ),
        )
    )
    return Scenario.model_validate(fields)


def number_leaves(model: type[BaseModel], prefix: tuple = ()) -> list[tuple[tuple, object, list]]:
    """(path, annotation, metadata) of every number field in ``model`` and its sub-models."""
    leaves = []
    for name, info in model.model_fields.items():
        inner = [a for a in typing.get_args(info.annotation) if a is not type(None)]
        kind = (
            inner[0]
            if typing.get_origin(info.annotation) in (typing.Union, UnionType)
            else (info.annotation)
        )
        if kind in (int, float):
            leaves.append(((*prefix, name), info.annotation, info.metadata))
        elif _is_model(kind) and kind is not Deployment:
            leaves += number_leaves(kind, (*prefix, name))
    return leaves


SCENARIO_LEAVES = number_leaves(Scenario)
WORKLOAD_LEAVES = number_leaves(Workload)


def _push(draw, data: dict, choices: list, model: type[BaseModel]) -> None:
    """Move one to four numbers of ``data`` anywhere in their bounds (often onto a bound);
    ``choices`` are (path, annotation, metadata, target) and a change the model's
    cross-field rules refuse is undone."""
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path, annotation, metadata, target = draw(st.sampled_from(choices))
        parent = _parent(target, path)
        before = parent[path[-1]]
        parent[path[-1]] = draw(value_for(annotation, metadata))
        try:
            model.model_validate(data)
        except ValidationError:
            parent[path[-1]] = before


@st.composite
def presets_pushed_to_bounds(
    draw, accelerator_ids: st.SearchStrategy[str] | None = None, catalogue: Catalogue = CATALOGUE
) -> Scenario:
    """A preset scenario (any part, deployment, cooling, site) with one to four numbers moved
    anywhere in their bounds, often onto a bound: mostly computable, often extreme."""
    deployment_id = draw(ids("deployments"))
    accelerator_id = draw(ids("accelerators") if accelerator_ids is None else accelerator_ids)
    workload_ids = draw(st.lists(ids("workloads"), min_size=1, max_size=6, unique=True))
    data = example_scenario(deployment_id, accelerator_id, workload_ids, catalogue).model_dump()
    data["cooling_id"] = draw(st.one_of(st.just(data["cooling_id"]), ids("cooling")))
    data["site_id"] = draw(st.one_of(st.just(data["site_id"]), ids("sites")))
    workload = draw(st.sampled_from(data["workloads"]))
    choices = [(*leaf, data) for leaf in SCENARIO_LEAVES]
    choices += [(*leaf, workload) for leaf in WORKLOAD_LEAVES]
    _push(draw, data, choices, Scenario)
    return Scenario.model_validate(data)


def extreme_scenarios() -> st.SearchStrategy[Scenario]:
    """Valid scenarios at the edges: presets pushed to bounds, or anywhere in the bounds."""
    return st.one_of(presets_pushed_to_bounds(), presets_pushed_to_bounds(), scenarios_anywhere())


@st.composite
def parts_pushed_to_bounds(draw) -> Accelerator:
    """A catalogue part saved as the user's own, with one to four figures moved to extremes."""
    data = CATALOGUE.get("accelerators", draw(ids("accelerators"))).model_dump()
    data |= {"id": "custom-" + data["id"][:40], "custom": True}
    _push(draw, data, [(*leaf, data) for leaf in number_leaves(Accelerator)], Accelerator)
    return Accelerator.model_validate(data)


@st.composite
def own_accelerator_cases(draw) -> tuple[Accelerator, Scenario, Catalogue]:
    """A user's own part (made up, or a real one pushed to extremes) and a scenario on it."""
    part = draw(st.one_of(extreme_accelerators(), parts_pushed_to_bounds()))
    catalogue = CATALOGUE.with_accelerators([part])
    on_part = st.just(part.id)
    scenario = draw(
        st.one_of(
            scenarios_anywhere(accelerator_ids=on_part),
            presets_pushed_to_bounds(accelerator_ids=on_part, catalogue=catalogue),
        )
    )
    return part, scenario, catalogue


# --- malformed documents -------------------------------------------------------------------

WRONG_VALUES = (
    None, True, "", "12", "ten", [], {}, [1, 2], {"a": 1}, -1, 0, 10**30, -(10**30),
    1e308, -1e308, float("nan"), float("inf"), float("-inf"), "x" * 100_000,
)  # fmt: skip

HOSTILE_YAML = (
    "!!python/object/apply:os.system ['touch /tmp/tco-pwned']",
    "name: !!python/object/new:builtins.exec ['import os']",
    "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "base: &base {wacc_frac: 0.1}\nfinance:\n  <<: *base\n",
    "name: !!binary aGVsbG8=",
    "!!set {a, b}",
    "--- 1\n--- 2\n",
    "horizon_months: 0x" + "f" * 5000,
    "horizon_months: " + "9" * 5000,
    "[" * 5000 + "]" * 5000,
    "{a: " * 2000 + "1" + "}" * 2000,
    "name: .nan\nhorizon_months: .inf\n",
    "\ttab: start",
    "? [complex, key]\n: value\n",
    "name: 2026-01-01",
    "%YAML 1.1\n%TAG ! tag:evil,2000:\n--- !x {}\n",
    "",
    "null",
    "- a\n- b\n",
)
HOSTILE_JSON = (
    '{"horizon_months": ' + "1" * 5000 + "}",
    '{"horizon_months": 1e999}',
    '{"horizon_months": NaN, "name": Infinity}',
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 5000 + "1" + "}" * 5000,
    '{"name": "\\ud800"}',
    '{"name": "a", "name": "b"}',
    "{",
    "[]",
    '"just a string"',
)


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    """Every key or index path into nested dicts and lists."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: object, path: tuple) -> object:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated_scenario_dicts(draw) -> dict:
    """A full valid scenario document with one to three things broken."""
    scenario = draw(extreme_scenarios()) if draw(st.booleans()) else CHAT
    data = scenario.model_dump(mode="json")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["wrong", "unknown", "delete", "nest", "hostile_key"]))
        if action == "wrong":  # a copy: a later step may mutate inside it
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(WRONG_VALUES)))
        elif action == "delete" and isinstance(parent, dict):
            parent.pop(path[-1], None)
        elif action == "nest":
            deep: object = 1
            for _ in range(draw(st.integers(min_value=1, max_value=40))):
                deep = [deep]
            parent[path[-1]] = deep
        elif isinstance(parent, dict):
            key = draw(st.sampled_from(["colour", "__class__", *HOSTILE_TEXT]))
            parent[key] = copy.deepcopy(draw(st.sampled_from(WRONG_VALUES)))
    return data


def _as_json(data: dict) -> str:
    return json.dumps(data, allow_nan=True)


def _as_yaml(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def malformed_documents() -> st.SearchStrategy[str | bytes]:
    """Scenario files that must be refused with one line (or, rarely, load cleanly)."""
    mutated = mutated_scenario_dicts()
    return st.one_of(
        mutated.map(_as_json),
        mutated.map(_as_yaml),
        st.sampled_from(HOSTILE_YAML),
        st.sampled_from(HOSTILE_JSON),
        st.binary(max_size=2000),
        st.text(max_size=2000),
        st.just("name: x\n" + "#" * (MAX_BYTES + 1)),
        st.sampled_from([b"\xff\xfe\x00n\x00a", b"\xef\xbb\xbf{}", b"\x00" * 64]),
    )


def valid_documents() -> st.SearchStrategy[str]:
    """Extreme but valid scenarios as YAML or JSON: these must load back equal."""
    return st.tuples(extreme_scenarios(), st.sampled_from(["yaml", "json"])).map(
        lambda pair: dump_scenario(*pair)
    )
