"""The Performance page's parts: choices, curves and points, the roofline, MLPerf validation."""

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from tco.data.catalogue import Catalogue
from tco.models import BOUND_LABELS, OperatingPoint, Precision, Scenario, Workload
from tco.models.errors import TcoError
from tco.models.units import MS_PER_S
from tco.performance import mlperf
from tco.present import figures
from tco.ui import cached, charts
from tco.ui.fmt import md, number, percent

PRECISIONS = [p.value for p in Precision]
MAX_PARTS = 6


def as_precision(value: str) -> Precision:
    return Precision(value)


def default_parts(scenario: Scenario, cat: Catalogue) -> list[str]:
    """The scenario's part and the newest part of each of the two vendors with the most parts
    in the catalogue (the usual question: how does mine compare with the latest?)."""
    vendors = [v for v, _ in Counter(a.vendor for a in cat.accelerators.values()).most_common(2)]
    newest = [
        max(
            (a for a in cat.accelerators.values() if a.vendor == vendor and a.launch_year),
            key=lambda a: (a.launch_year, a.memory_bandwidth_tb_per_s),
        ).id
        for vendor in vendors
    ]
    return list(dict.fromkeys([scenario.accelerator_id, *newest]))


def workload_label(workload: Workload, cat: Catalogue) -> str:
    return f"{workload.name} ({cat.models[workload.model_id].name})"


@dataclass
class Curves:
    """Throughput curves and the point at the workload's targets per part, and problems."""

    curves: dict[str, list[OperatingPoint]] = field(default_factory=dict)
    points: dict[str, OperatingPoint] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def curves(
    workload: Workload,
    parts: list[str],
    precision: Precision,
    cat: Catalogue,
    progress: Callable[[float, str], None],
) -> Curves:
    """Each part's curve and its point at the workload's latency targets, or why not."""
    chosen = workload.model_copy(update={"precision": precision})
    out = Curves()
    for index, part in enumerate(parts):
        label = cat.accelerators[part].label
        try:
            out.curves[label] = cached.curve(
                workload.model_id, part, precision, workload.input_tokens, workload.output_tokens
            )
            out.points[label] = cached.point(chosen, part)
        except TcoError as exc:
            out.problems.append(f"{label}: {exc}")
        progress((index + 1) / len(parts), f"Computed {label}")
    return out


def interactivity_target_tokens_per_s(workload: Workload) -> float | None:
    """Tokens per second each user must see to meet the time-per-token target [tokens/s]."""
    return MS_PER_S / workload.tpot_max_ms if workload.tpot_max_ms else None


def curves_figure(
    result: Curves, workload: Workload, precision: Precision, cat: Catalogue
) -> go.Figure:
    note = (
        f"{cat.models[workload.model_id].name}, {precision.value.upper()}, "
        f"{workload.input_tokens:,} prompt + {workload.output_tokens:,} output tokens per "
        "request; one serving system per part. Throughput model calibrated on MLPerf Inference."
    )
    return figures.throughput_curves(
        result.curves,
        min_interactivity_tokens_per_s=interactivity_target_tokens_per_s(workload),
        footnote=note,
    )


def roofline_figure(parts: list[str], precision: Precision, cat: Catalogue) -> go.Figure:
    return figures.roofline(
        [cat.accelerators[p] for p in parts], precision, footnote=charts.footnote()
    )


def points_table(points: dict[str, OperatingPoint], workload: Workload) -> pd.DataFrame:
    """Part → how it serves the workload at its latency targets, or why it cannot.

    The model's latencies are means at the operating point; the workload's targets are p99
    limits (MLPerf's convention): the headers say which is which.
    """
    ttft, tpot = latency_headers(workload)
    rows = []
    for label, p in points.items():
        rows.append(
            {
                "Accelerator": label,
                "Output tokens/s per accelerator": number(p.output_tokens_per_s_per_accelerator)
                if p.feasible else "—",
                "Tokens/s per user": number(p.output_tokens_per_s_per_user, 1)
                if p.feasible else "—",
                "Tensor parallel": p.tensor_parallel or "—",
                "Batch": p.batch_size or "—",
                ttft: number(p.ttft_ms) if p.feasible else "—",
                tpot: number(p.tpot_ms, 1) if p.feasible else "—",
                "Limited by": BOUND_LABELS[p.bound]
                if p.feasible else f"cannot run: {p.infeasible_reason}",
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


def latency_headers(workload: Workload) -> tuple[str, str]:
    """Column headers for the model's mean latencies, naming the workload's p99 targets."""

    def target(limit_ms: float | None) -> str:
        return f"; target: p99 at most {number(limit_ms)} ms" if limit_ms else "; no target"

    return (
        f"Time to first token, mean [ms]{target(workload.ttft_max_ms)}",
        f"Time per output token, mean [ms]{target(workload.tpot_max_ms)}",
    )


def validation_table(rows: list[tuple[mlperf.Case, float]]) -> pd.DataFrame:
    """MLPerf cases: measured median against the model, and the error in percent.

    The fitted (calibration) cases come first, then the checks the fit never saw.
    """
    rows = sorted(rows, key=lambda row: row[0].use != "fit")  # stable: file order within
    return pd.DataFrame(
        [
            {
                "Accelerator": case.accelerator_id,
                "Benchmark": case.benchmark,
                "Scenario": case.scenario,
                "Measured [tokens/s per accelerator]": round(case.measured_tokens_per_s),
                "Modelled [tokens/s per accelerator]": round(predicted),
                "Error [%]": round(100 * (predicted / case.measured_tokens_per_s - 1), 1),
                "Use": "fitted" if case.use == "fit" else "check (not fitted)",
                "Round": case.software_round,
                "Precision": case.precision.value.upper(),
                "Accelerators": case.system_accelerators,
                "Results": case.n_results,
            }
            for case, predicted in rows
        ]
    )


def validation_summary(rows: list[tuple[mlperf.Case, float]]) -> str:
    """One sentence: median and largest absolute error, for fitted cases and checks."""
    parts = []
    for use, words in (("fit", "fitted cases"), ("check", "checks never fitted")):
        errors = [abs(p / c.measured_tokens_per_s - 1) for c, p in rows if c.use == use]
        if errors:
            parts.append(
                f"{len(errors)} {words}: median error {percent(statistics.median(errors))}, "
                f"largest {percent(max(errors))}"
            )
    return "; ".join(parts) + "."


def validation_intro(rows: list[tuple[mlperf.Case, float]]) -> str:
    return (
        "Modelled against measured output tokens per second per accelerator, for published "
        "MLPerf Inference results (median of the submissions in each case). "
        + md(validation_summary(rows))
    )
