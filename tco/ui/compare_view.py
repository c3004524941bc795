"""The Compare page's parts: choosing what to compare, running it, the table and the charts."""

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pydantic import ValidationError

from tco.analysis import variants
from tco.analysis.break_even import payback_month
from tco.models import Comparison, Result, Scenario
from tco.models.errors import TcoError
from tco.models.variant import MAX_VARIANTS, Variant
from tco.present import figures
from tco.present.inputs import reason_in_words
from tco.ui import cached, charts, state
from tco.ui.data import catalogue, saved_scenarios
from tco.ui.fmt import md, money, number, percent, power_kw
from tco.ui.saved import label as saved_label
from tco.ui.saved import open_saved

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
        st.session_state["cmp.problem"] = f"Not added: {reason_in_words(exc, Variant)}."


def _add_saved() -> None:
    item_id = st.session_state.get("cmp.saved")
    if item_id is None:  # nothing saved to choose from
        return
    try:
        _add(Variant(scenario=open_saved(item_id)))
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
    for column, (label, variant) in zip(
        st.columns(len(variants.QUICK)), variants.QUICK.items(), strict=True
    ):
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
            names = {_SAME: "(as in A)"} | {
                row_id: getattr(row, "label", None) or row.name
                for row_id, row in getattr(cat, table).items()
            }
            column.selectbox(label, list(names), format_func=names.__getitem__, key=f"cmp.{field}")
        st.button("Add this variant", key="cmp.add", on_click=_add_custom, disabled=full)
    saved = {s.id: saved_label(s) for s in saved_scenarios()}
    if saved:
        with st.expander("Or add a saved scenario"):
            st.selectbox(
                "Saved scenario", list(saved), format_func=saved.__getitem__, key="cmp.saved"
            )
            st.button("Add it", key="cmp.add_saved", on_click=_add_saved, disabled=full)
    for index, variant in enumerate(chosen):
        left, right = st.columns([6, 1], vertical_alignment="center")
        left.markdown(f"**{LETTERS[index + 1]}**: {md(variants.label(variant, cat))}")
        right.button("Remove", key=f"cmp.remove.{index}", on_click=_remove, args=(index,))


@dataclass(frozen=True)
class Compared:
    """One column of the comparison: letter and name, its scenario and result."""

    name: str
    scenario: Scenario
    result: Result

    @property
    def letter(self) -> str:
        return self.name.split(":")[0]


def compared(current: Scenario) -> tuple[list[Compared], list[str]]:
    """A and each variant that can be built and served, and why the others cannot."""
    cat = catalogue()
    candidates = [(f"A: {current.name}", current)]
    problems = []
    for index, variant in enumerate(state.variants()):
        name = f"{LETTERS[index + 1]}: {variants.label(variant, cat)}"
        try:
            candidates.append((name, variants.build(variant, current, cat)))
        except (TcoError, ValidationError) as exc:
            reason = str(exc) if isinstance(exc, TcoError) else reason_in_words(exc)
            problems.append(f"{name} cannot be compared: {reason}")
    served = []
    for name, scenario in candidates:
        try:
            result = cached.run(scenario)
        except TcoError as exc:
            problems.append(f"{name} cannot be computed: {exc}")
            continue
        if result.feasible:
            served.append(Compared(name, scenario, result))
        else:
            problems.append(f"{name} cannot be served: {result.infeasible_reason}")
    if served and served[0].scenario is not current:
        served = []  # A itself cannot be served: nothing to compare it with
    return served, problems


def table(columns: list[Compared]) -> pd.DataFrame:
    """Side-by-side headline figures, with each scenario's cost relative to A's."""
    base = columns[0].result.cost_usd_per_million_tokens
    rows = []
    for c in columns:
        r = c.result
        change = r.cost_usd_per_million_tokens / base - 1 if base else None
        rows.append(
            {
                "Scenario": c.name,
                "Cost per million tokens": money(r.cost_usd_per_million_tokens, r.currency),
                "Against A": "—" if change is None or c.letter == "A" else f"{change:+.0%}",
                "Accelerators": number(r.accelerators),
                "Capex": money(r.capex_usd, r.currency),
                "Opex per year": money(r.opex_usd_per_year, r.currency),
                "Facility power": power_kw(r.facility_power_kw),
                "Utilisation": percent(r.utilisation_frac),
                "g CO₂e per M tokens": number(r.gco2e_per_million_tokens, 1),
            }
        )
    return pd.DataFrame(rows)


def footnote(scenario: Scenario) -> str:
    return charts.footnote(scenario) + " A is the current scenario; others differ as named."


def cost_over_time(columns: list[Compared], note: str) -> go.Figure:
    return figures.cost_over_time(
        {c.name: c.result.timeline for c in columns},
        title="Cost per million tokens over time",
        footnote=note,
    )


def cumulative_cash(a: Compared, b: Compared, note: str) -> go.Figure:
    """Both cumulative cash curves, with the month the dearer start pays off marked."""
    a_cash = [m.cumulative_cash_usd for m in a.result.timeline]
    b_cash = [m.cumulative_cash_usd for m in b.result.timeline]
    return figures.cumulative_cost(
        {a.name: a_cash, b.name: b_cash},
        months=[m.month for m in a.result.timeline],
        break_even_month=payback_month(a_cash, b_cash),
        title="Cumulative cash out",
        footnote=note,
    )


def waterfall(a: Compared, b: Compared, note: str) -> go.Figure | str:
    """The A→B attribution as a waterfall, or why it cannot be drawn."""
    comparison = cached.comparison(a.scenario, b.scenario)
    if not comparison.feasible:
        return comparison.infeasible_reason or "No attribution."
    return figures.waterfall(
        (a.letter, comparison.a_usd_per_million_tokens),
        steps(comparison),
        (b.letter, comparison.b_usd_per_million_tokens),
        title=f"What explains the difference from A to {b.letter}",
        footnote=note,
    )


def steps(comparison: Comparison) -> list[tuple[str, float]]:
    """Waterfall steps with short names ('Hardware', 'Site and energy'); empty ones left out."""
    short = []
    for step in comparison.steps:
        if abs(step.delta_usd_per_million_tokens) < 1e-12:
            continue
        name = " + ".join(part.split(":")[0] for part in step.label.split("; "))
        short.append((name, step.delta_usd_per_million_tokens))
    return short
