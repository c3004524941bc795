"""The Plan page's power budget and traffic log: the answers, their tiles, tables and charts.

The optimiser's part is in tco.ui.optimise_view. Every answer is cached on the scenario's
JSON and the inputs (shared by all sessions, handed out as copies).
"""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from tco.analysis.power_budget import plan_budget
from tco.analysis.traffic.sizing import Sizing, replayed_p99_wait_ms, size_from_trace
from tco.io.traces import SAMPLE_NAME, read_trace, sample_trace
from tco.models import Scenario
from tco.models.errors import TcoError
from tco.models.planning import TOKENS_PER_USER_PER_DAY, BudgetPlan, BudgetRow, PowerBasis
from tco.present.figures.planning import load_curve, tokens_per_mw
from tco.ui import charts, state
from tco.ui.data import catalogue, catalogue_key
from tco.ui.fmt import md, money, number

ALL_PARTS = ""
BASES: dict[PowerBasis, str] = {"facility": "Facility power (cooling included)", "it": "IT power"}
DEFAULT_POWER_MW = 5.0
Tile = tuple[str, str, str]


@st.cache_data(show_spinner=False, max_entries=128)
def _budget(
    scenario_json: str,
    power_mw: float,
    basis: PowerBasis,
    site_id: str,
    cooling_id: str,
    part: str,
    per_user: float,
    key: str,
) -> BudgetPlan:
    return plan_budget(
        Scenario.model_validate_json(scenario_json),
        power_mw,
        basis=basis,
        site_id=site_id,
        cooling_id=cooling_id,
        accelerator_ids=[part] if part else None,
        tokens_per_user_per_day=per_user,
        catalogue=catalogue(),
    )


def budget(
    scenario: Scenario,
    power_mw: float,
    basis: PowerBasis,
    site_id: str,
    cooling_id: str,
    part: str,
    per_user: float = TOKENS_PER_USER_PER_DAY,
) -> BudgetPlan | str:
    """What the budget buys, or why it cannot be planned (one line)."""
    try:
        return _budget(
            scenario.model_dump_json(),
            power_mw,
            basis,
            site_id,
            cooling_id,
            part,
            per_user,
            catalogue_key(),
        )
    except TcoError as exc:
        return str(exc)


def part_label(part_id: str) -> str:
    return "Every part" if part_id == ALL_PARTS else catalogue().accelerators[part_id].label


def budget_tiles(row: BudgetRow, plan: BudgetPlan, scenario: Scenario) -> list[Tile]:
    cash = money(row.cost_usd_per_million_tokens, scenario.finance.currency)
    per_user = number(plan.tokens_per_user_per_day)
    return [
        ("Accelerators", number(row.accelerators), "The largest owned fleet whose power fits."),
        (
            "Racks",
            number(row.racks),
            f"At the planned rack power; {number(row.floor_area_m2)} m² of white space.",
        ),
        (
            "Power drawn",
            number(row.facility_mw, 1, "MW"),
            f"Facility power at full load: {number(row.facility_mw, 2, 'MW')} "
            f"({number(row.it_mw, 2, 'MW')} of IT).",
        ),
        (
            "Tokens per day",
            number(row.tokens_per_day / 1e9, 0, "bn"),
            "Average daily tokens served at the scenario's peak-to-average and headroom, "
            "within every latency target.",
        ),
        (
            "Users served",
            _count(row.users),
            f"{number(row.users)} users at {per_user} tokens per user per day.",
        ),
        ("Cost per M tokens", cash, "Of this fleet over the scenario's horizon."),
    ]


def _count(value: float) -> str:
    """A count short enough for a tile: 39.1 M, 2.3 k, 512."""
    if value >= 1e6:
        return number(value / 1e6, 1, "M")
    if value >= 1e4:
        return number(value / 1e3, 1, "k")
    return number(value)


def budget_chart(plan: BudgetPlan, scenario: Scenario) -> go.Figure:
    rows = [r for r in plan.rows if r.feasible]
    kind = "facility" if plan.basis == "facility" else "IT"
    words = f"a {number(plan.power_mw, 3 if plan.power_mw < 1 else 1)} MW {kind} budget"
    note = charts.footnote(scenario) + " Average tokens per day at the latency targets."
    return tokens_per_mw(
        [r.label for r in rows],
        [r.tokens_per_day_per_mw for r in rows],
        budget=words,
        footnote=note,
    )


def budget_table(plan: BudgetPlan, scenario: Scenario) -> pd.DataFrame:
    currency = scenario.finance.currency
    return pd.DataFrame(
        [
            {
                "Accelerator": r.label,
                "Accelerators": r.accelerators,
                "Racks": r.racks,
                "Floor [m²]": round(r.floor_area_m2),
                "Power drawn [MW]": round(r.facility_mw, 2),
                "Tokens per day [bn]": round(r.tokens_per_day / 1e9, 2),
                "Users [M]": round(r.users / 1e6, 2),
                "Cost per M tokens": money(r.cost_usd_per_million_tokens, currency),
            }
            for r in plan.rows
            if r.feasible
        ]
    )


def cannot(plan: BudgetPlan) -> list[str]:
    """Why each part without a fleet has none, in words."""
    return [f"{r.label}: {r.reason}" for r in plan.rows if not r.feasible]


_APPLIED = "plan.applied"


def apply(scenario: Scenario) -> None:
    """Make ``scenario`` the current one (the address bar then holds it) and run the page
    again on it, saying so (`applied`)."""
    state.set_current(scenario)
    st.session_state[_APPLIED] = scenario.name
    st.rerun()


def applied() -> str | None:
    """The name of the scenario the last click applied, once."""
    return st.session_state.pop(_APPLIED, None)


@st.cache_data(show_spinner=False, max_entries=64)
def _sizing(
    scenario_json: str, data: bytes | None, name: str, workload: int, scale: float, key: str
) -> tuple[Sizing, float]:
    trace = sample_trace() if data is None else read_trace(data, name)
    sizing = size_from_trace(
        Scenario.model_validate_json(scenario_json),
        trace,
        workload_index=workload,
        scale=scale,
        catalogue=catalogue(),
    )
    return sizing, replayed_p99_wait_ms(trace, sizing)


def sizing(
    scenario: Scenario, data: bytes | None, name: str, workload: int, scale: float
) -> tuple[Sizing, float] | str:
    """The log's profile and fleet, with the simulated p99 wait on the log; or why not."""
    try:
        return _sizing(
            scenario.model_dump_json(), data, name or SAMPLE_NAME, workload, scale, catalogue_key()
        )
    except TcoError as exc:
        return str(exc)


def sizable(scenario: Scenario) -> list[int]:
    """Workloads with a time-to-first-token target (the queueing holds one)."""
    return [i for i, w in enumerate(scenario.workloads) if w.ttft_max_ms is not None]


def log_tiles(s: Sizing) -> list[Tile]:
    p = s.profile
    minutes = p.span_s / 60
    return [
        ("Requests", number(p.requests), f"Over {number(minutes, 1)} minutes of log."),
        (
            "Mean load",
            number(p.mean_tokens_per_s * s.scale, 0, "tokens/s"),
            "Prompt and generated tokens per second over the log, times the traffic scale.",
        ),
        (
            "Peak-to-average",
            number(p.peak_to_average, 2, "×"),
            f"Busiest {'hour' if p.bin_s >= 3600 else 'minute'} over the log's mean.",
        ),
        (
            "Burstiness (ca²)",
            number(p.arrival_cv2, 2),
            "Squared coefficient of variation of the gaps between requests: 1 is random arrivals.",
        ),
    ]


def lengths(s: Sizing) -> pd.DataFrame:
    """Prompt and generated tokens per request: mean and percentiles."""
    p = s.profile
    rows = []
    for label, mean, points in (
        ("Prompt", p.mean_input_tokens, p.input_percentiles),
        ("Generated", p.mean_output_tokens, p.output_percentiles),
    ):
        rows.append(
            {
                "Tokens per request": label,
                "Mean": round(mean),
                **{f"p{k}": round(v) for k, v in points.items()},
            }
        )
    return pd.DataFrame(rows)


def sizing_tiles(s: Sizing, replayed_ms: float, bought: int) -> list[Tile]:
    return [
        (
            "Accelerators (queueing)",
            number(s.accelerators, 1),
            f"{number(s.seats)} batch seats at {number(s.seats_per_accelerator, 1)} per "
            "accelerator, so that 99 % of requests wait less than the target allows.",
        ),
        (
            "Fixed rule would ask",
            number(s.fixed_rule_accelerators, 1),
            "The scenario's own peak-to-average and headroom at the same demand.",
        ),
        (
            "Headroom it implies",
            number(s.headroom_frac * 100, 0, "%"),
            "Spare capacity above the peak that the queueing answer amounts to.",
        ),
        ("Fleet bought", number(bought), "Whole systems, as the engine sizes the scenario."),
        (
            "p99 wait, model / replayed",
            f"{number(s.p99_wait_ms)} / {number(replayed_ms)} ms",
            f"Allowed: {number(s.allowance_ms)} ms (the TTFT target less the first token's own "
            "time). Model: M/G/c at the peak; replayed: the log itself served on those seats.",
        ),
    ]


def log_chart(s: Sizing, scenario: Scenario) -> go.Figure:
    p = s.profile
    words = "per hour" if p.bin_s >= 3600 else "per minute"
    note = f"Source: {p.name}."
    return load_curve(
        p.bin_start_s.tolist(),
        (p.tokens_per_s * s.scale).tolist(),
        p.mean_tokens_per_s * s.scale,
        bin_words=words,
        footnote=note,
    )


def attribution(name: str | None) -> str:
    if name:
        return f"Your log: {md(name)}."
    return (
        "No log uploaded: the sample is 20 minutes of the Azure LLM inference trace 2023 "
        "(conversation service; Microsoft, CC BY 4.0; Patel et al., Splitwise, ISCA 2024)."
    )
