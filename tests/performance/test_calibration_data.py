"""Calibration inputs and fitted parameters: sourced, in range, and re-fittable."""

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from tco.performance import calibration, mlperf

ROOT = Path(__file__).resolve().parents[2]
ROWS = list(
    csv.DictReader((ROOT / "data" / "calibration" / "mlperf_rows.csv").open(encoding="utf-8"))
)


def test_every_parameter_is_in_its_stated_range_and_sourced():
    rows = calibration.read_parameters()
    assert rows
    for row in rows:
        assert row.lower <= row.value <= row.upper
        assert row.status in ("fitted", "fixed", "copied", "prior")
        assert len(row.source) > 5
        assert row.as_of


def test_every_used_row_has_a_source_and_an_effective_precision_with_its_reason():
    used = [r for r in ROWS if r["use"] in ("fit", "check")]
    assert len(used) > 100
    for row in used:
        assert row["source"].startswith(("github.com/mlcommons", "mlcommons/"))
        assert row["effective_precision"] in ("fp8", "fp4", "bf16", "int8", "int4")
        assert row["effective_precision_reason"]
        assert row["catalogue_accelerator_id"]
    for row in ROWS:
        if row["use"] == "exclude":
            assert row["use_reason"]


def test_declared_fp16_nvidia_rows_are_treated_as_fp8_or_fp4():
    """NVIDIA's v4.1 Llama-2-70B rows declare fp16 but ran FP8 (Hopper) or FP4 (B200)."""
    for row in ROWS:
        if row["stack"] == "nvidia-trtllm" and row["precision"] == "fp16" and row["use"] == "fit":
            expected = "fp4" if row["catalogue_accelerator_id"] == "nvidia-b200" else "fp8"
            assert row["effective_precision"] == expected


def test_every_catalogue_part_has_an_achievable_matmul_ceiling(catalogue):
    for part in catalogue.accelerators.values():
        for eight_bit in (False, True):
            frac = calibration.achievable_matmul_frac(part.id, part.id.split("-")[0], eight_bit)
            assert 0.3 < frac <= 1.0


def test_current_software_round_has_no_maturity_discount():
    for stack in ("nvidia-trtllm", "amd-vllm-rocm", "other"):
        now, before = calibration.efficiency(stack), calibration.efficiency(stack, "v4.1")
        assert before.compute_frac < now.compute_frac
        assert before.bandwidth_frac < now.bandwidth_frac


@pytest.mark.slow
def test_the_fit_script_reproduces_the_committed_parameters():
    """Re-fitting from data/calibration gives parameters.csv back (to 5 %)."""
    spec = importlib.util.spec_from_file_location(
        "fit_calibration", ROOT / "scripts" / "fit_calibration.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["fit_calibration"] = module
    spec.loader.exec_module(module)
    result = module.fit([c for c in mlperf.load_cases() if c.use == "fit"])
    committed = {(p.name, p.stack): p.value for p in calibration.read_parameters()}
    for (name, stack), value in result.values.items():
        stored = committed[(name, "nvidia-trtllm" if name == "fp4_relative_frac" else stack)]
        assert value == pytest.approx(stored, rel=0.05), (name, stack)
