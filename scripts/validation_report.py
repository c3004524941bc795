"""Generate docs/validation.md: how well the throughput model reproduces MLPerf.

    uv run python scripts/validation_report.py          # writes docs/validation.md
    uv run python scripts/validation_report.py --quick  # skip the leave-one-part-out refits

Three views of error, each as (predicted / measured − 1):
1. in-sample: the fitted parameters (data/calibration/parameters.csv) on the fit cases;
2. leave-one-part-out: refit without every case of one accelerator, predict that part's cases
   (how the model does on a part it has never seen);
3. checks: cases never fitted (other parts, GPT-J, v4.0, the open division).
"""

import argparse
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import fit_calibration  # noqa: E402

from tco.performance import calibration, mlperf  # noqa: E402

OUT = ROOT / "docs" / "validation.md"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:+.1f} %"


def _error(predicted: float, measured: float) -> float:
    return predicted / measured - 1.0


def leave_one_part_out(cases: list[mlperf.Case]) -> dict[str, float]:
    """Error of each fit case when its accelerator was left out of the fit."""
    out = {}
    for part in sorted({c.accelerator_id for c in cases}):
        train = [c for c in cases if c.accelerator_id != part]
        held = [c for c in cases if c.accelerator_id == part]
        result = fit_calibration.fit(train)
        predicted = fit_calibration.predictions(held, result.values)
        for case, value in zip(held, predicted, strict=True):
            out[case.label] = _error(float(value), case.measured_tokens_per_s)
        print(f"  left out {part}: refit RMS log error {result.rms_log_error:.3f}", flush=True)
    return out


def _summary(rows: list[tuple[str, float]]) -> list[str]:
    by_scenario: dict[str, list[float]] = defaultdict(list)
    for scenario, error in rows:
        by_scenario[scenario].append(abs(error))
    lines = ["| scenario | cases | median abs error | max abs error |", "|---|---:|---:|---:|"]
    for scenario in ("Offline", "Server", "Interactive"):
        values = by_scenario.get(scenario)
        if values:
            lines.append(
                f"| {scenario} | {len(values)} | {100 * statistics.median(values):.1f} % "
                f"| {100 * max(values):.1f} % |"
            )
    everything = [abs(e) for _, e in rows]
    lines.append(
        f"| all | {len(everything)} | {100 * statistics.median(everything):.1f} % "
        f"| {100 * max(everything):.1f} % |"
    )
    return lines


def _case_row(case: mlperf.Case, predicted: float, lopo: float | None) -> str:
    spread = f"{case.low_tokens_per_s:,.0f}–{case.high_tokens_per_s:,.0f}"
    return (
        f"| {case.benchmark} {case.software_round} | {case.scenario} | {case.accelerator_id} "
        f"| {case.precision.value} ({case.declared_precision or 'n/a'}) "
        f"| {case.system_accelerators} "
        f"| {case.n_results} | {case.measured_tokens_per_s:,.0f} ({spread}) | {predicted:,.0f} "
        f"| {_pct(_error(predicted, case.measured_tokens_per_s))} | {_pct(lopo)} |"
    )


def _vendor_section() -> list[str]:
    """TensorRT-LLM's published offline table: known lengths, dense and MoE, FP8 and FP4."""
    groups: dict[str, list[float]] = defaultdict(list)
    rows = [
        "| model | part | precision | TP | input/output | measured [tok/s/acc] | predicted "
        "| error |",
        "|---|---|---|---:|---|---:|---:|---:|",
    ]
    for case in mlperf.vendor_cases():
        predicted = mlperf.predict(case)
        error = _error(predicted, case.measured_tokens_per_s)
        moe = mlperf.model(case.model_id).architecture == "moe"
        kind = (
            "MoE, fitted (moe_expert_frac)"
            if case.use == "fit-moe"
            else ("MoE, check" if moe else "dense, check")
        )
        groups[kind].append(abs(error))
        rows.append(
            f"| {case.model_id} | {case.accelerator_id} | {case.precision.value} "
            f"| {case.system_accelerators} | {case.scenario.split()[-1]} "
            f"| {case.measured_tokens_per_s:,.0f} | {predicted:,.0f} | {_pct(error)} |"
        )
    summary = ["| rows | count | median abs error | max abs error |", "|---|---:|---:|---:|"]
    for kind in ("dense, check", "MoE, check", "MoE, fitted (moe_expert_frac)"):
        values = groups.get(kind, [])
        if values:
            summary.append(
                f"| {kind} | {len(values)} | {100 * statistics.median(values):.1f} % "
                f"| {100 * max(values):.1f} % |"
            )
    return [
        "## TensorRT-LLM's published table (known lengths)",
        "",
        "NVIDIA's `trtllm-bench` offline maximum-throughput table (TensorRT-LLM",
        "docs/source/performance/perf-overview.md, commit 00f37686): vendor-published, not",
        "audited, and by NVIDIA's own note not peak-tuned like MLPerf submissions, so a model",
        "calibrated to MLPerf should sit somewhat above it. Unlike MLPerf it gives exact input",
        "and output lengths, dense and MoE models. Only the Qwen3-235B-A22B H200 rows are",
        "fitted (the routed-expert efficiency, no MoE model being in MLPerf's set); every other",
        "row is a check.",
        "",
        *summary,
        "",
        *rows,
        "",
    ]


def _parameters() -> list[str]:
    lines = [
        "| parameter | stack | value | range | status | meaning |",
        "|---|---|---:|---|---|---|",
    ]
    for p in calibration.read_parameters():
        lines.append(
            f"| {p.name} | {p.stack} | {p.value:g} {p.unit} | {p.lower:g}–{p.upper:g} "
            f"| {p.status} | {p.meaning} |"
        )
    return lines


def report(quick: bool) -> str:
    cases = list(mlperf.load_cases())
    fitted = [c for c in cases if c.use == "fit"]
    checks = [c for c in cases if c.use == "check"]
    lopo = {} if quick else leave_one_part_out(fitted)
    header = (
        "| benchmark | scenario | part | precision (declared) | per system | results "
        "| measured median (range) [tok/s/acc] | predicted | error | left-part-out error |"
    )
    rule = "|---|---|---|---|---:|---:|---:|---:|---:|---:|"
    fit_rows, fit_errors, lopo_errors = [], [], []
    for case in fitted:
        predicted = mlperf.predict(case)
        fit_rows.append(_case_row(case, predicted, lopo.get(case.label)))
        fit_errors.append((case.scenario, _error(predicted, case.measured_tokens_per_s)))
        if case.label in lopo:
            lopo_errors.append((case.scenario, lopo[case.label]))
    check_rows, check_errors = [], []
    for case in checks:
        predicted = mlperf.predict(case)
        check_rows.append(_case_row(case, predicted, None))
        if case.benchmark == "llama2-70b":
            check_errors.append((case.scenario, _error(predicted, case.measured_tokens_per_s)))
    citations = [f"- **{c.label}**: {c.rows}" for c in fitted]
    lines = [
        "# Validation of the throughput model against MLPerf Inference",
        "",
        "Generated by `scripts/validation_report.py` from `data/calibration/` and the fitted",
        "`data/calibration/parameters.csv`; do not edit by hand. Error = predicted / measured − 1,",
        "per accelerator, output tokens per second. Measured = median over the audited results in",
        "a case (one part, round, scenario, effective precision and system size); every row used",
        "is listed at the end and in `data/calibration/mlperf_rows.csv` with its source.",
        "",
        "## Summary",
        "",
        "In-sample (fitted parameters, Llama-2-70B fit cases):",
        "",
        *_summary(fit_errors),
        "",
    ]
    if lopo_errors:
        lines += [
            "Leave-one-part-out (each accelerator predicted by a fit that never saw it):",
            "",
            *_summary(lopo_errors),
            "",
        ]
    lines += [
        "Never-fitted Llama-2-70B checks (H100 NVL/PCIe, H200 NVL, L40S, RTX PRO 6000, Gaudi 2,",
        "MI355X open division, v4.0 and TensorRT 9.3 rows):",
        "",
        *_summary(check_errors),
        "",
        "## Fitted parameters",
        "",
        *_parameters(),
        "",
        "## Fit cases",
        "",
        header,
        rule,
        *fit_rows,
        "",
        *_vendor_section(),
        "## Checks (never fitted)",
        "",
        "GPT-J rows use beam search of 4, modelled as 4 independent sequences per request",
        "(conservative; see `tco/performance/mlperf.py`); their mean input length is an estimate",
        "(`data/calibration/datasets.csv`).",
        "",
        header,
        rule,
        *check_rows,
        "",
        "## Rows behind each fit case",
        "",
        *citations,
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip leave-one-part-out refits")
    args = parser.parse_args()
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(report(args.quick), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
