"""Tables for the Performance page: operating points at the targets, and MLPerf validation."""

import statistics

import pandas as pd

from tco.models import BOUND_LABELS, OperatingPoint
from tco.performance import mlperf
from tco.ui.fmt import number, percent


def points_table(points: dict[str, OperatingPoint]) -> pd.DataFrame:
    """Part → how it serves the workload at its latency targets, or why it cannot."""
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
                "TTFT [ms]": number(p.ttft_ms) if p.feasible else "—",
                "TPOT [ms]": number(p.tpot_ms, 1) if p.feasible else "—",
                "Limited by": BOUND_LABELS[p.bound]
                if p.feasible else f"cannot run: {p.infeasible_reason}",
            }
        )  # fmt: skip
    return pd.DataFrame(rows)


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
