"""The scenario's inputs as widgets that apply on change, or say in place why they did not.

Every widget is keyed by its field's path. Before the widgets render, their values are
set from the current scenario whenever the scenario changed elsewhere (a preset, a saved
scenario, a link). A change runs a callback that validates the whole scenario with the new
value: if valid it becomes the current scenario (and the URL); if not, the section shows
one line saying why, and the widget returns to the value still in force.
"""

import hashlib
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from pydantic import ValidationError
from streamlit.elements.lib.column_types import ColumnConfig

from tco.costs.cloud import COMMITMENT_NAMES, PROVIDER_NAMES
from tco.data.catalogue import Catalogue
from tco.data.presets import runnable_mix
from tco.models import Scenario, Workload
from tco.models.errors import TcoError
from tco.models.money import CURRENCIES
from tco.present import money
from tco.present.inputs import reason_in_words
from tco.ui import state, workload_table
from tco.ui.data import catalogue
from tco.ui.edit_limits import drop_oversized_edits
from tco.ui.fields import AUTOMATIC, Spec, get, with_value
from tco.ui.fmt import md

_SYNCED = "tco.form.synced"  # the scenario the widgets were last set from
_ERRORS = "tco.form.errors"  # section → one-line reason the last change was refused
_NOTES = "tco.form.notes"  # what a change adjusted elsewhere (e.g. precisions)


def options(path: str) -> dict[str, str]:
    """Value → label for a select field."""
    cat = catalogue()
    if path == "accelerator_id":
        return {a.id: f"{a.label} · {a.memory_gb:g} GB" for a in cat.accelerators.values()}
    if path == "site_id":
        return {s.id: s.name for s in cat.sites.values()}
    if path == "cooling_id":
        return {
            c.id: f"{c.name} (up to {c.max_rack_kw:g} kW per rack)" for c in cat.cooling.values()
        }
    if path == "deployment.id":
        return {d.id: d.name for d in cat.deployments.values()}
    if path == "deployment.cloud_commitment":
        return {c: words[:1].upper() + words[1:] for c, words in COMMITMENT_NAMES.items()}
    if path == "deployment.cloud_provider":
        rented = {r.provider for r in cat.cloud_prices}
        return {AUTOMATIC: "Cheapest near the site"} | {
            p: PROVIDER_NAMES.get(p, p) for p in sorted(rented)
        }
    if path == "deployment.cloud_region":
        current = state.current()
        rows = [
            r
            for r in cat.cloud_prices
            if r.provider == current.deployment.cloud_provider
            and r.accelerator_id == current.accelerator_id
        ]
        return {AUTOMATIC: "Nearest the site"} | {
            r.region: f"{r.region_name or r.region} ({r.region})"
            for r in sorted(rows, key=lambda r: r.region)
        }
    if path == "finance.currency":
        return {c: f"{money.NAMES[c]} ({money.symbol(c).strip()})" for c in CURRENCIES}
    if path == "finance.financing":
        return {"buy": "Buy (capital at the WACC)", "lease": "Lease the hardware"}
    raise KeyError(path)


def sync(scenario: Scenario, specs: Sequence[Spec]) -> None:
    """Set widget values from ``scenario`` if it changed since, or if they are missing."""
    marker = scenario.model_dump_json()
    stale = st.session_state.get(_SYNCED) != marker
    for spec in specs:
        if stale or spec.key not in st.session_state:
            st.session_state[spec.key] = spec.shown(get(scenario, spec.path))
    st.session_state[_SYNCED] = marker


def apply(new: Scenario) -> None:
    """Make ``new`` current after a change the widgets already show."""
    state.set_current(new)
    st.session_state[_SYNCED] = new.model_dump_json()


def reset() -> None:
    """Back to the product's default scenario."""
    st.session_state.pop(_ERRORS, None)
    apply(state.default_scenario())
    st.session_state[_SYNCED] = None


def refuse(section: str, reason: str) -> None:
    """Show ``reason`` in ``section``; the widgets go back to the scenario in force."""
    st.session_state.setdefault(_ERRORS, {})[section] = reason
    st.session_state[_SYNCED] = None


def _changed(spec: Spec, section: str) -> None:
    st.session_state[_ERRORS] = {}  # a message is about the last change only
    value = spec.stored(st.session_state[spec.key])
    if value is None and not spec.optional:
        refuse(section, f"{spec.label} needs a value; kept the previous one")
        return
    try:
        apply(with_value(state.current(), spec.path, value))
    except (ValidationError, TcoError) as exc:
        refuse(section, f"Not applied: {spec.explain(exc)}. Kept the previous value.")


def errors_for(section: str) -> None:
    """The one-line reason the last change in ``section`` was refused, if it was."""
    reason = st.session_state.get(_ERRORS, {}).get(section)
    if reason:
        st.error(md(reason), icon="🚫")


def widget(spec: Spec, section: str, on_change: Callable[..., None] | None = None) -> None:
    """One input for one field, applying on change."""
    common: dict[str, Any] = {  # the arguments every kind of widget takes
        "key": spec.key,
        "help": spec.help(),
        "on_change": on_change or _changed,
        "args": (spec, section),
    }
    if spec.kind == "select":
        choices = options(spec.path)
        held = st.session_state.get(spec.key)
        if held is not None and held not in choices:  # e.g. a deployment from a loaded file
            current = state.current()
            choices[held] = current.deployment.name if spec.path == "deployment.id" else str(held)
        st.selectbox(spec.title, list(choices), format_func=choices.__getitem__, **common)
    elif spec.kind == "toggle":
        st.toggle(spec.title, **common)
    elif spec.kind == "text":
        st.text_input(spec.title, max_chars=120, **common)
    else:
        # No min/max on the widget: an out-of-range value reaches the model and is refused
        # with a sentence in the section, rather than silently clamped by the browser.
        st.number_input(
            spec.title,
            step=spec.step or (1 if spec.kind == "int" else None),
            format=None if spec.kind == "int" else spec.number_format,
            placeholder=spec.placeholder if spec.optional else None,
            **common,
        )


def section(name: str, specs: Sequence[Spec], columns: int = 2, show_errors: bool = True) -> None:
    """A group of widgets with its own error line."""
    if show_errors:
        errors_for(name)
    grid = st.columns(columns)
    for index, spec in enumerate(specs):
        with grid[index % columns]:
            widget(spec, name)


def deployment_changed(spec: Spec, section: str) -> None:
    """Apply a deployment preset: ownership, running costs, peakiness, cooling and site."""
    st.session_state[_ERRORS] = {}  # a message is about the last change only
    preset = catalogue().deployments[st.session_state[spec.key]]
    data = state.current().model_dump()
    data.update(
        deployment=preset.as_deployment().model_dump(),
        operations=preset.as_operations().model_dump(),
        cooling_id=preset.default_cooling_id,
        site_id=preset.default_site_id,
    )
    data["demand"]["peak_to_average"] = preset.peak_to_average
    try:
        new = Scenario.model_validate(data)
    except ValidationError as exc:
        refuse(section, f"Not applied: {spec.explain(exc)}. Kept the previous deployment.")
        return
    apply(new)
    st.session_state[_SYNCED] = None  # cooling, site and more changed: set every widget again


def accelerator_changed(spec: Spec, section: str) -> None:
    """Swap the part; workloads in a precision it lacks move to one it has, and say so."""
    st.session_state[_ERRORS] = {}
    current = state.current()
    accelerator = catalogue().accelerators[st.session_state[spec.key]]
    mix = runnable_mix(current.workloads, accelerator)
    try:
        new = with_value(
            with_value(current, "accelerator_id", accelerator.id),
            "workloads",
            [w.model_dump() for w in mix],
        )
    except ValidationError as exc:
        refuse(section, f"Not applied: {spec.explain(exc)}. Kept the previous accelerator.")
        return
    apply(new)
    changed = [
        (old, w) for old, w in zip(current.workloads, mix, strict=True)
        if w.precision != old.precision
    ]  # fmt: skip
    if changed:
        lacking = sorted({old.precision.value.upper() for old, _ in changed})
        moved = ", ".join(f"{w.name} to {w.precision.value.upper()}" for _, w in changed)
        st.session_state[_NOTES] = f"{accelerator.label} has no {'/'.join(lacking)}: moved {moved}."
    st.session_state[_SYNCED] = None  # the workload table changed too


def notes() -> None:
    """What the last change adjusted besides the field itself, if anything."""
    if note := st.session_state.pop(_NOTES, None):
        st.info(md(note), icon="ℹ️")


def workload_editor() -> None:
    """The mix as a table, applied with a button; a bad row is named and nothing changes."""
    scenario = state.current()
    cat = catalogue()
    version = hashlib.sha256(
        "".join(w.model_dump_json() for w in scenario.workloads).encode()
    ).hexdigest()[:10]
    limit = workload_table.MAX_WORKLOADS
    if drop_oversized_edits(f"workloads.{version}", limit):
        st.error(
            f"The workload table was reset: a mix holds at most {limit} workloads.",
            icon="🚫",
        )
    with st.form("workloads_form", border=False):
        edited = st.data_editor(
            workload_table.frame(scenario.workloads),
            key=f"workloads.{version}",
            num_rows="dynamic",
            hide_index=True,
            column_config=_workload_columns(cat),
        )
        submitted = st.form_submit_button("Apply the workload mix", type="primary")
    if submitted:
        try:
            workloads = workload_table.workloads_from(edited, scenario.workloads)
            new = with_value(scenario, "workloads", [w.model_dump() for w in workloads])
        except (TcoError, ValidationError) as exc:
            reason = str(exc) if isinstance(exc, TcoError) else reason_in_words(exc)
            st.error(f"Mix not applied: {md(reason)}", icon="🚫")
        else:
            apply(new)
            st.rerun()
    presets = {k: p for k, p in cat.workloads.items() if p.name not in edited["name"].tolist()}
    if presets and len(scenario.workloads) < 12:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        choice = left.selectbox(
            "Add a workload from the catalogue",
            list(presets),
            format_func=lambda k: f"{presets[k].name} ({presets[k].model_id})",
            key="workloads.preset",
        )
        if right.button("Add to the mix", key="workloads.add"):
            mix = workload_table.add_preset(scenario.workloads, presets[choice])
            apply(with_value(scenario, "workloads", [w.model_dump() for w in mix]))
            st.rerun()


def _workload_columns(cat: Catalogue) -> dict[str, ColumnConfig]:
    described = Workload.model_fields
    column = st.column_config
    return {
        "name": column.TextColumn("Workload", required=True, max_chars=80),
        "model_id": column.SelectboxColumn(
            "Model", options=list(cat.models), required=True,
            format_func=lambda m: cat.models[m].name if m in cat.models else str(m),
            help=described["model_id"].description,
        ),
        "precision": column.SelectboxColumn(
            "Precision", options=workload_table.precision_options(), required=True,
            default="fp8", help=described["precision"].description,
        ),
        "input_tokens": column.NumberColumn(
            "Prompt [tokens]", min_value=1, step=1, required=True,
            help=described["input_tokens"].description,
        ),
        "output_tokens": column.NumberColumn(
            "Output [tokens]", min_value=1, step=1, required=True,
            help=described["output_tokens"].description,
        ),
        "ttft_max_ms": column.NumberColumn(
            "TTFT target [ms]", min_value=1, help=described["ttft_max_ms"].description
        ),
        "tpot_max_ms": column.NumberColumn(
            "TPOT target [ms]", min_value=1, help=described["tpot_max_ms"].description
        ),
        "share_pct": column.NumberColumn(
            "Share [%]", min_value=0, max_value=100, format="%.1f", required=True,
            help="Share of the scenario's tokens; the shares must sum to 100 %.",
        ),
        "sovereign": column.CheckboxColumn(
            "Sovereign", default=False, help=described["sovereign"].description
        ),
    }  # fmt: skip
