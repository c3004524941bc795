"""The engine behind Streamlit's cache, keyed on the scenario's JSON and the catalogue.

`st.cache_data` is shared by every session and hands out copies, so one user's result can
never be changed by another. Keys are strings (the scenario JSON and a fingerprint of the
user's accelerators), never model objects.
"""

import threading

import streamlit as st

from tco import engine
from tco.analysis import compare, uncertainty
from tco.models import (
    LLM,
    Comparison,
    MonteCarloResult,
    OperatingPoint,
    Precision,
    Result,
    Scenario,
    Workload,
)
from tco.performance import ServingCase, mlperf, operating_point, throughput_curve
from tco.ui.data import catalogue, catalogue_key


@st.cache_data(show_spinner=False, max_entries=2048)
def _run(scenario_json: str, key: str) -> Result:
    return engine.run(Scenario.model_validate_json(scenario_json), catalogue())


def run(scenario: Scenario) -> Result:
    """``tco.engine.run`` for this scenario; raises TcoError with one line for unknown ids."""
    return _run(scenario.model_dump_json(), catalogue_key())


@st.cache_data(show_spinner=False, max_entries=256)
def _tornado(scenario_json: str, key: str) -> list:
    return uncertainty.tornado(Scenario.model_validate_json(scenario_json), catalogue())


def tornado(scenario: Scenario) -> list:
    """Tornado bars, largest swing first; TcoError when the scenario is infeasible."""
    return _tornado(scenario.model_dump_json(), catalogue_key())


HEAVY_RUNS_AT_ONCE = 2
"""Monte Carlo runs one server computes at a time; more sessions wait their turn, so the
server's memory stays bounded however many ask at once (docs/reliability.md)."""


@st.cache_resource(show_spinner=False)
def _heavy_slots() -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(HEAVY_RUNS_AT_ONCE)


@st.cache_data(show_spinner=False, max_entries=64)
def _monte_carlo(scenario_json: str, samples: int, key: str) -> MonteCarloResult:
    with _heavy_slots():
        return uncertainty.monte_carlo(
            Scenario.model_validate_json(scenario_json), samples, catalogue=catalogue()
        )


def monte_carlo(scenario: Scenario, samples: int) -> MonteCarloResult:
    """P10/P50/P90 over time from ``samples`` draws; TcoError when infeasible."""
    return _monte_carlo(scenario.model_dump_json(), samples, catalogue_key())


@st.cache_data(show_spinner=False, max_entries=512)
def _curve(
    model_id: str, accelerator_id: str, precision: str, input_tokens: int, output_tokens: int,
    key: str,
) -> list[OperatingPoint]:  # fmt: skip
    cat = catalogue()
    llm: LLM = cat.get("models", model_id)
    accelerator = cat.get("accelerators", accelerator_id)
    return throughput_curve(
        ServingCase(llm, accelerator, Precision(precision), input_tokens, output_tokens)
    )


def curve(
    model_id: str, accelerator_id: str, precision: Precision, input_tokens: int, output_tokens: int
) -> list[OperatingPoint]:
    """Throughput-vs-interactivity points; TcoError for an unsupported precision."""
    return _curve(
        model_id, accelerator_id, precision.value, input_tokens, output_tokens, catalogue_key()
    )


@st.cache_data(show_spinner=False, max_entries=256)
def _compare(a_json: str, b_json: str, key: str) -> Comparison:
    return compare.compare(
        Scenario.model_validate_json(a_json), Scenario.model_validate_json(b_json), catalogue()
    )


def comparison(a: Scenario, b: Scenario) -> Comparison:
    """Costs of A and B and the steps of the difference (``tco.analysis.compare.compare``)."""
    return _compare(a.model_dump_json(), b.model_dump_json(), catalogue_key())


@st.cache_data(show_spinner=False, max_entries=256)
def _point(
    model_id: str, accelerator_id: str, precision: str, input_tokens: int, output_tokens: int,
    ttft_max_ms: float | None, tpot_max_ms: float | None, key: str,
) -> OperatingPoint:  # fmt: skip
    cat = catalogue()
    return operating_point(
        ServingCase(
            cat.get("models", model_id), cat.get("accelerators", accelerator_id),
            Precision(precision), input_tokens, output_tokens,
            ttft_max_ms=ttft_max_ms, tpot_max_ms=tpot_max_ms,
        )
    )  # fmt: skip


def point(workload: Workload, accelerator_id: str) -> OperatingPoint:
    """Best operating point of a workload on a part within its latency targets."""
    return _point(
        workload.model_id, accelerator_id, workload.precision.value, workload.input_tokens,
        workload.output_tokens, workload.ttft_max_ms, workload.tpot_max_ms, catalogue_key(),
    )  # fmt: skip


@st.cache_data(show_spinner=False)
def validation() -> list[tuple[mlperf.Case, float]]:
    """Every MLPerf calibration case with the throughput model's prediction for it."""
    return [(case, mlperf.predict(case)) for case in mlperf.load_cases()]
