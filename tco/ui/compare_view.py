"""The Compare page's parts: choosing what to compare, the side-by-side table, the steps."""

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from tco.models import Comparison, Result, Scenario
from tco.models.errors import TcoError, one_line
from tco.ui import state
from tco.ui.data import catalogue, saved_scenarios, store
from tco.ui.fmt import md, number, percent, power_kw, usd
from tco.ui.variants import MAX_VARIANTS, QUICK, Variant

LETTERS = "ABCD"
_SAME = ""


def _add(variant: Variant) -> None:
    chosen = state.variants()
    if variant not in chosen and len(chosen) < MAX_VARIANTS:
        state.set_variants([*chosen, variant])


def _remove(index: int) -> None:
    chosen = list(state.variants())
    if 0 <= index < len(chosen):
        chosen.pop(index)
        state.set_variants(chosen)


def _add_custom() -> None:
    picked = {
        field: st.session_state.get(f"cmp.{field}") or None
        for field in ("accelerator_id", "deployment_id", "site_id", "cooling_id")
    }
    try:
        _add(Variant(**picked))
    except ValidationError as exc:
        st.session_state["cmp.problem"] = f"Not added: {one_line(exc)}."


def _add_saved() -> None:
    name = st.session_state.get("cmp.saved")
    try:
        _add(Variant(scenario=store().load_scenario(name)))
    except TcoError as exc:
        st.session_state["cmp.problem"] = f"Not added: {exc}"


def editor() -> None:
    """Buttons and forms that add or remove the scenarios compared with the current one."""
    cat = catalogue()
    chosen = state.variants()
    full = len(chosen) >= MAX_VARIANTS
    if problem := st.session_state.pop("cmp.problem", None):
        st.error(md(problem), icon="🚫")
    st.caption("Compare the current scenario (A) with up to three others. Quick questions:")
    for column, (label, variant) in zip(st.columns(len(QUICK)), QUICK.items(), strict=True):
        column.button(
            label, key=f"cmp.quick.{label}", on_click=_add, args=(variant,),
            disabled=full or variant in chosen, width="stretch",
        )  # fmt: skip
    with st.expander("Or change any of these from the current scenario"):
        columns = st.columns(4)
        for column, (field, label, table) in zip(
            columns,
            [("accelerator_id", "Accelerator", "accelerators"),
             ("deployment_id", "Deployment", "deployments"),
             ("site_id", "Site", "sites"), ("cooling_id", "Cooling", "cooling")],
            strict=True,
        ):  # fmt: skip
            rows = getattr(cat, table)
            column.selectbox(
                label,
                [_SAME, *rows],
                format_func=lambda i, rows=rows: "(as in A)" if i == _SAME else (
                    getattr(rows[i], "label", None) or rows[i].name
                ),
                key=f"cmp.{field}",
            )  # fmt: skip
        st.button("Add this variant", key="cmp.add", on_click=_add_custom, disabled=full)
    saved = [s.name for s in saved_scenarios()]
    if saved:
        with st.expander("Or add a saved scenario"):
            st.selectbox("Saved scenario", saved, key="cmp.saved")
            st.button("Add it", key="cmp.add_saved", on_click=_add_saved, disabled=full)
    for index, variant in enumerate(chosen):
        left, right = st.columns([6, 1], vertical_alignment="center")
        left.markdown(f"**{LETTERS[index + 1]}**: {md(variant.label(cat))}")
        right.button("Remove", key=f"cmp.remove.{index}", on_click=_remove, args=(index,))


def scenarios(current: Scenario) -> list[tuple[str, Scenario]]:
    """(letter and name, scenario) for A and each variant that can be built; others explained."""
    cat = catalogue()
    built = [(f"A: {current.name}", current)]
    for index, variant in enumerate(state.variants()):
        name = f"{LETTERS[index + 1]}: {variant.label(cat)}"
        try:
            built.append((name, variant.build(current, cat)))
        except (TcoError, ValidationError) as exc:
            reason = str(exc) if isinstance(exc, TcoError) else one_line(exc)
            st.warning(f"{md(name)} cannot be compared: {md(reason)}", icon="⚠️")
    return built


def table(results: list[tuple[str, Result]]) -> pd.DataFrame:
    """Side-by-side headline figures, with each scenario's cost relative to A's."""
    base = results[0][1].cost_usd_per_million_tokens
    rows = []
    for name, r in results:
        change = r.cost_usd_per_million_tokens / base - 1 if base else None
        rows.append(
            {
                "Scenario": name,
                "Cost per million tokens": usd(r.cost_usd_per_million_tokens),
                "Against A": "—" if change is None or name.startswith("A:") else f"{change:+.0%}",
                "Accelerators": number(r.accelerators),
                "Capex": usd(r.capex_usd),
                "Opex per year": usd(r.opex_usd_per_year),
                "Facility power": power_kw(r.facility_power_kw),
                "Utilisation": percent(r.utilisation_frac),
                "g CO₂e per M tokens": number(r.gco2e_per_million_tokens, 1),
            }
        )
    return pd.DataFrame(rows)


def steps(comparison: Comparison) -> list[tuple[str, float]]:
    """Waterfall steps with short names ('Hardware', 'Site and energy'); empty ones left out."""
    short = []
    for step in comparison.steps:
        if abs(step.delta_usd_per_million_tokens) < 1e-12:
            continue
        name = " + ".join(part.split(":")[0] for part in step.label.split("; "))
        short.append((name, step.delta_usd_per_million_tokens))
    return short
