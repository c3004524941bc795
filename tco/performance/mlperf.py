"""MLPerf calibration cases: audited results grouped into the cases the model must reproduce.

Inputs (``data/calibration/``, see its README): ``mlperf_rows.csv`` (rows copied from
MLCommons' published summaries with our effective-precision and use columns),
``datasets.csv`` (mean input and output lengths per benchmark), ``scenarios.csv`` (latency
limits), ``models.csv`` (architectures not in the product catalogue, e.g. GPT-J).

A case is one (benchmark, round, part, scenario, effective precision, system size); its
measured value is the median per-accelerator tokens/s over the submissions in it, which is
robust to a single submitter's tuning. Used by scripts/fit_calibration.py,
scripts/validation_report.py and tests/reference.
"""

import csv
import statistics
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tco.data.catalogue import builtin_catalogue
from tco.models.errors import TcoError
from tco.models.hardware import Precision
from tco.models.llm import LLM
from tco.performance.calibration import Efficiency, Globals, efficiency, globals_
from tco.performance.case import ServingCase
from tco.performance.serving import solve

CALIBRATION_DIR = Path(__file__).resolve().parents[2] / "data" / "calibration"
BENCHMARK_MODEL = {"llama2-70b": "llama-2-70b", "gptj": "gpt-j-6b"}
# Rounds whose software level the parameters describe (v4.0 uses v4.1's, see software_level).
# mlperf_rows.csv also holds v5.0 and the Mixtral / Llama-3.1-405B benchmarks; they are read
# once the model has a software level and a benchmark mapping for them.
MODELLED_ROUNDS = ("v4.0", "v4.1", "v5.1")


@dataclass(frozen=True, slots=True)
class Case:
    """One group of MLPerf results and the request mix and limits it was measured under."""

    benchmark: str
    software_round: str
    accelerator_id: str
    scenario: str
    precision: Precision
    declared_precision: str
    stack: str
    system_accelerators: int
    use: str  # "fit" or "check"
    measured_tokens_per_s: float  # median output tokens/s per accelerator
    low_tokens_per_s: float
    high_tokens_per_s: float
    n_results: int
    model_id: str
    input_tokens: int
    output_tokens: int
    beam_width: int  # sequences decoded per request (MLPerf GPT-J: beam search of 4)
    ttft_max_ms: float | None
    tpot_max_ms: float | None
    rows: str  # "submitter system" of each result, for citation

    @property
    def label(self) -> str:
        return (
            f"{self.benchmark} {self.software_round} {self.scenario} {self.accelerator_id} "
            f"{self.precision.value} ×{self.system_accelerators}"
        )


def _read(name: str) -> list[dict[str, str]]:
    path = CALIBRATION_DIR / name
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except OSError as exc:
        raise TcoError(f"calibration input {name} not readable: {exc}") from None


def _optional(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def extra_models() -> dict[str, LLM]:
    """Models used only for calibration checks (not in the product catalogue)."""
    return {
        row["id"]: LLM.model_validate({k: v for k, v in row.items() if v != ""})
        for row in _read("models.csv")
    }


def model(model_id: str) -> LLM:
    """A catalogue model or a calibration-only one."""
    catalogue = builtin_catalogue().models
    return catalogue[model_id] if model_id in catalogue else extra_models()[model_id]


@cache
def load_cases() -> tuple[Case, ...]:
    """Every fit and check case, in a stable order."""
    datasets = {r["benchmark"]: r for r in _read("datasets.csv")}
    limits = {(r["benchmark"], r["scenario"]): r for r in _read("scenarios.csv")}
    groups: dict[tuple, list[dict[str, str]]] = defaultdict(list)
    for row in _read("mlperf_rows.csv"):
        benchmark = row["benchmark"].split("-99")[0]
        if (
            row["use"] not in ("fit", "check")
            or benchmark not in BENCHMARK_MODEL
            or row["round"] not in MODELLED_ROUNDS
        ):
            continue
        per_node = int(row["num_accelerators"]) // max(int(row["nodes"] or 1), 1)
        key = (
            benchmark,
            row["round"],
            row["catalogue_accelerator_id"],
            row["scenario"],
            row["effective_precision"],
            per_node,
            row["use"],
        )
        groups[key].append(row)
    cases = []
    for key, rows in sorted(groups.items()):
        benchmark, software_round, part, scenario, precision, per_node, use = key
        values = [float(r["tokens_per_s_per_accelerator"]) for r in rows]
        data = datasets[benchmark]
        limit = limits[(benchmark, scenario)]
        cases.append(
            Case(
                benchmark=benchmark,
                software_round=software_round,
                accelerator_id=part,
                scenario=scenario,
                precision=Precision.parse(precision),
                declared_precision=rows[0]["precision"],
                stack=rows[0]["stack"],
                system_accelerators=per_node,
                use=use,
                measured_tokens_per_s=statistics.median(values),
                low_tokens_per_s=min(values),
                high_tokens_per_s=max(values),
                n_results=len(values),
                model_id=BENCHMARK_MODEL[benchmark],
                input_tokens=round(float(data["mean_input_tokens"])),
                output_tokens=round(float(data["mean_output_tokens"])),
                beam_width=int(data["beam_width"]),
                ttft_max_ms=_optional(limit["ttft_max_ms"]),
                tpot_max_ms=_optional(limit["tpot_max_ms"]),
                rows="; ".join(f"{r['submitter']} {r['system']}" for r in rows),
            )
        )
    return tuple(cases)


MOE_FIT = ("qwen3-235b-a22b", "nvidia-h200-sxm")  # vendor rows that fit moe_expert_frac


@cache
def vendor_cases() -> tuple[Case, ...]:
    """TensorRT-LLM's published offline throughput table (known input/output lengths).

    Not audited like MLPerf and not tuned like it (NVIDIA: "should not be considered as the
    peak performance"), but it spans lengths, dense and MoE models, FP8 and FP4. Every row
    is a check except Qwen3-235B on H200, which fits ``moe_expert_frac`` (``use`` "fit-moe").
    """
    cases = []
    for row in _read("trtllm_perf_overview.csv"):
        tp = int(row["tensor_parallel"])
        per_acc = float(row["output_tokens_per_s_total"]) / tp
        key = (row["model_id"], row["accelerator_id"])
        cases.append(
            Case(
                benchmark="trtllm-perf-overview",
                software_round="v5.1",
                accelerator_id=row["accelerator_id"],
                scenario=f"Offline {row['input_tokens']}/{row['output_tokens']}",
                precision=Precision.parse(row["precision"]),
                declared_precision=row["precision"],
                stack="nvidia-trtllm",
                system_accelerators=tp,
                use="fit-moe" if key == MOE_FIT else "check",
                measured_tokens_per_s=per_acc,
                low_tokens_per_s=per_acc,
                high_tokens_per_s=per_acc,
                n_results=1,
                model_id=row["model_id"],
                input_tokens=int(row["input_tokens"]),
                output_tokens=int(row["output_tokens"]),
                beam_width=1,
                ttft_max_ms=None,
                tpot_max_ms=None,
                rows=f"TP{tp}; {row['source']}",
            )
        )
    return tuple(cases)


def software_level(case: Case) -> str:
    """Round whose maturity applies: v4.0 rows use v4.1's (no v4.0 parameter is fitted)."""
    return "v4.1" if case.software_round == "v4.0" else case.software_round


def serving_case(case: Case) -> ServingCase:
    """The serving question a calibration case asks of the model.

    Beam search of width W (MLPerf GPT-J) decodes W sequences per request that share one
    prompt: each beam is a sequence holding and reading the whole prompt's KV, but the prompt
    is computed once (``prompt_compute_frac`` = 1/W). Memory is thus counted conservatively
    (W copies of the prompt's KV where a runtime may share it). MLPerf counts one beam's
    tokens (``sequences_per_request`` = W).
    """
    return ServingCase(
        llm=model(case.model_id),
        accelerator=builtin_catalogue().accelerators[case.accelerator_id],
        precision=case.precision,
        input_tokens=case.input_tokens,
        output_tokens=case.output_tokens,
        system_accelerators=case.system_accelerators,
        ttft_max_ms=case.ttft_max_ms,
        tpot_max_ms=case.tpot_max_ms,
        software_round=software_level(case),
        prompt_compute_frac=1.0 / case.beam_width,
        sequences_per_request=case.beam_width,
    )


def predict(case: Case, eff: Efficiency | None = None, glob: Globals | None = None) -> float:
    """Predicted output tokens/s per accelerator for a case [tokens/s] (0 if infeasible).

    ``eff`` and ``glob`` replace the fitted parameters (the fit script varies them).
    """
    question = serving_case(case)
    solution = solve(
        question, eff or efficiency(case.stack, question.software_round), glob or globals_()
    )
    return solution.out_rate_per_acc
