"""Reproduce MLPerf Inference Llama-2-70B per-accelerator results (v4.1 and v5.1, closed).

Source rows: data/calibration/mlperf_rows.csv, copied from MLCommons' official result
summaries (github.com/mlcommons/inference_results_v4.1 and _v5.1, summary_results.json and
each system's mlperf_log_summary.txt; the `source` column names the file). A case is the
median over the submissions of one part, round, scenario, effective precision and system
size; each test id names the case and the assertion message lists the submissions.

Stated tolerance: every Offline and Server case within ±25 % and their median within 6 %;
Interactive cases within ±20 %, except MI300X v5.1 Interactive (known misfit, see
docs/validation.md). These are in-sample figures for the fitted parameters; the
leave-one-part-out errors are reported in docs/validation.md.
"""

import statistics

import pytest

from tco.performance import mlperf

FIT = [c for c in mlperf.load_cases() if c.use == "fit" and c.benchmark == "llama2-70b"]
TOLERANCE = {"Offline": 0.25, "Server": 0.25, "Interactive": 0.20}
KNOWN_MISFITS = {
    ("v5.1", "Interactive", "amd-mi300x"): (
        "MI300X Interactive measured 31 % of its Offline rate, every other part 53-59 %; "
        "nothing in the model singles out that one configuration"
    ),
}


def _error(case: mlperf.Case) -> float:
    return mlperf.predict(case) / case.measured_tokens_per_s - 1.0


def _cases():
    for case in FIT:
        marks = ()
        reason = KNOWN_MISFITS.get((case.software_round, case.scenario, case.accelerator_id))
        if reason:
            marks = (pytest.mark.xfail(reason=reason, strict=True),)
        yield pytest.param(case, id=case.label.replace(" ", "-"), marks=marks)


def test_the_issue_s_parts_rounds_and_scenarios_are_all_covered():
    covered = {(c.accelerator_id, c.software_round, c.scenario) for c in FIT}
    for part in ("nvidia-h100-sxm", "nvidia-h200-sxm", "nvidia-b200", "amd-mi300x"):
        assert (part, "v4.1", "Offline") in covered
        assert (part, "v5.1", "Offline") in covered
    for part in ("nvidia-gb200", "amd-mi325x", "nvidia-b200", "nvidia-h200-sxm"):
        for scenario in ("Offline", "Server", "Interactive"):
            assert (part, "v5.1", scenario) in covered


@pytest.mark.parametrize("case", list(_cases()))
def test_case_within_tolerance(case):
    error = _error(case)
    assert abs(error) <= TOLERANCE[case.scenario], (
        f"{case.label}: predicted {error:+.1%} vs the median of {case.n_results} results "
        f"({case.measured_tokens_per_s:,.0f} tok/s/accelerator) from: {case.rows}"
    )


def test_offline_and_server_median_error_is_small():
    errors = [abs(_error(c)) for c in FIT if c.scenario in ("Offline", "Server")]
    assert len(errors) >= 20
    assert statistics.median(errors) <= 0.06


def test_a_never_fitted_part_is_predicted_too():
    """H200 NVL (PCIe, 600 W, NVLink bridges of 4) has no case in the fit."""
    checks = [
        c for c in mlperf.load_cases()
        if c.accelerator_id == "nvidia-h200-nvl" and c.scenario in ("Offline", "Server")
    ]  # fmt: skip
    assert checks
    for case in checks:
        assert case.use == "check"
        assert abs(_error(case)) <= 0.10, case.rows


def test_software_maturity_is_explicit():
    """Same 8-GPU systems, v4.1 → v5.1 Offline: H100 +29 % and MI300X +18 % measured; the
    model carries it as one fitted factor per stack and round, not in the hardware figures."""

    def offline(part, round_):
        return next(
            c for c in FIT
            if c.accelerator_id == part and c.software_round == round_
            and c.scenario == "Offline" and c.system_accelerators == 8
        )  # fmt: skip

    for part, gain in (("nvidia-h100-sxm", 0.29), ("amd-mi300x", 0.18)):
        old, new = offline(part, "v4.1"), offline(part, "v5.1")
        measured = new.measured_tokens_per_s / old.measured_tokens_per_s - 1
        assert measured == pytest.approx(gain, abs=0.02)
        modelled = mlperf.predict(new) / mlperf.predict(old) - 1
        assert modelled == pytest.approx(measured, abs=0.12)
