"""Calibration inputs and fitted parameters: sourced, consistent, in range, and re-fittable.

The row-level checks read data/calibration/*.csv directly (see its README): every row
sourced and dated, totals and per-accelerator rates consistent, every part and model known,
and no MLPerf v5.1 result of a model other than Llama-2-70B or GPT-J anywhere (those stay an
independent check the fit must never see).
"""

import csv
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tco.performance import calibration, mlperf

ROOT = Path(__file__).resolve().parents[2]
CALIBRATION = ROOT / "data" / "calibration"


def _read(name: str) -> list[dict[str, str]]:
    with (CALIBRATION / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = _read("mlperf_rows.csv")
PUBLISHED = _read("published_rows.csv")
DATASETS = _read("datasets.csv")
USES = ("fit", "check", "exclude")
V51_ALLOWED_MODELS = ("llama-2-70b", "gpt-j-6b")


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


def test_every_row_of_every_input_file_has_a_source_and_an_as_of_date():
    dated = {"mlperf_rows.csv": ROWS, "published_rows.csv": PUBLISHED}
    dated |= {name: _read(name) for name in ("models.csv", "model_details.csv")}
    for name, rows in dated.items():
        assert rows, name
        for row in rows:
            assert len(row["source"]) > 10, (name, row)
            assert re.fullmatch(r"20\d\d-\d\d(-\d\d)?", row["as_of"]), (name, row["as_of"])
    for row in _read("scenarios.csv"):
        assert len(row["source"]) > 10, row
    for row in DATASETS:
        assert len(row["input_source"]) > 10, row
        assert len(row["output_source"]) > 10, row


def test_no_mlperf_v5_1_result_of_a_model_other_than_llama2_70b_or_gptj_exists():
    """MLPerf v5.1 results of other models are the project's unseen independent check."""
    for row in ROWS:
        if row["round"] == "v5.1" or "v5.1" in row["source"]:
            assert row["model_id"] in V51_ALLOWED_MODELS, row
            assert row["benchmark"].startswith(("llama2-70b", "gptj")), row
    for row in PUBLISHED:
        text = f"{row['source']} {row['notes']}".lower()
        if "mlperf" in text and re.search(r"v?5\.1", text):
            assert row["model_id"] in V51_ALLOWED_MODELS, row


def test_mlperf_per_accelerator_rates_are_the_totals_over_the_accelerators():
    checked = 0
    for row in ROWS:
        if not (row["tokens_per_s"] and row["tokens_per_s_per_accelerator"]):
            assert row["use"] == "exclude", row
            continue
        total, count = float(row["tokens_per_s"]), int(row["num_accelerators"])
        per = float(row["tokens_per_s_per_accelerator"])
        assert per == pytest.approx(total / count, abs=0.051), row["source"]
        checked += 1
    assert checked > 400


def test_published_per_accelerator_rates_follow_from_the_metric_as_published():
    """Output tokens/s per accelerator = the published figure, over the accelerators when it
    is a total, times output / (input + output) when it counts input tokens too."""
    for row in PUBLISHED:
        value, count = float(row["metric_value"]), int(row["accelerators"])
        isl, osl = int(row["input_tokens"]), int(row["output_tokens"])
        output_share = {"output": 1.0, "input+output": osl / (isl + osl)}[row["metric_tokens"]]
        divisor = {"total": count, "per-accelerator": 1}[row["metric_scope"]]
        expected = value * output_share / divisor
        assert float(row["output_tokens_per_s_per_accelerator"]) == pytest.approx(
            expected, rel=1e-3, abs=0.051
        ), row["source"]


def test_parallel_layout_multiplies_to_the_accelerator_count():
    for row in PUBLISHED:
        tp, pp = int(row["tensor_parallel"]), int(row["pipeline_parallel"])
        assert tp * pp * int(row["data_parallel"] or 1) == int(row["accelerators"]), row
        if row["expert_parallel"]:
            assert 1 <= int(row["expert_parallel"]) <= int(row["accelerators"]), row


def test_every_part_is_a_catalogue_part_and_every_used_row_names_one(catalogue):
    for row in ROWS:
        part = row["catalogue_accelerator_id"]
        assert not part or part in catalogue.accelerators, part
        assert part or row["use"] == "exclude", row
    for row in PUBLISHED:
        part = row["accelerator_id"]
        assert not part or part in catalogue.accelerators, part
        assert part or row["use"] == "exclude", row


def test_every_model_has_an_architecture_and_one_family(catalogue):
    architectures = set(catalogue.models) | set(mlperf.extra_models())
    assert not set(catalogue.models) & set(mlperf.extra_models()), "a model in both files"
    family_of: dict[str, str] = {}
    for row in ROWS + PUBLISHED:
        assert row["model_id"] in architectures, row["model_id"]
        assert re.fullmatch(r"[a-z0-9-]+", row["family"]), row["family"]
        assert family_of.setdefault(row["model_id"], row["family"]) == row["family"], row
    for row in DATASETS:
        assert row["model_id"] in architectures, row


def test_every_moe_model_has_its_layer_and_shared_expert_details(catalogue):
    models = dict(catalogue.models) | mlperf.extra_models()
    details = {r["model_id"]: r for r in _read("model_details.csv")}
    assert set(details) <= set(models)
    for model_id, model in models.items():
        if model.architecture != "moe":
            continue
        row = details[model_id]
        moe_layers, first_dense = int(row["moe_layers"]), int(row["first_dense_layers"])
        assert 1 <= moe_layers <= model.layers - first_dense, model_id
        if int(row["shared_experts"]):
            assert int(row["shared_expert_intermediate_size"]) > 0, model_id
        if model.kv_latent_dim:  # MLA: the cached latent is the KV rank plus the RoPE key
            assert model.kv_latent_dim == int(row["kv_lora_rank"]) + int(row["qk_rope_head_dim"])


def test_lengths_and_layouts_are_positive():
    for row in PUBLISHED:
        assert int(row["input_tokens"]) > 0, row
        assert int(row["output_tokens"]) > 0, row
        assert row["concurrency"] == "" or int(row["concurrency"]) > 0, row
        assert int(row["accelerators"]) >= 1, row
    for row in DATASETS:
        mean_in, mean_out = float(row["mean_input_tokens"]), float(row["mean_output_tokens"])
        assert mean_in > 0, row
        assert mean_out > 0, row
        assert int(row["beam_width"]) >= 1, row
        assert not row["max_input_tokens"] or int(row["max_input_tokens"]) >= mean_in, row


def test_every_row_has_a_use_and_every_held_out_row_says_why():
    for row in ROWS + PUBLISHED:
        assert row["use"] in USES, row["use"]
        if row["use"] != "fit":
            assert len(row["use_reason"]) > 5, row


def test_every_used_mlperf_benchmark_has_its_dataset_and_latency_limits():
    datasets = {r["benchmark"] for r in DATASETS}
    limits = {(r["benchmark"], r["scenario"]) for r in _read("scenarios.csv")}
    for row in ROWS:
        if row["use"] == "exclude":
            continue
        benchmark = row["benchmark"].split("-99")[0]
        assert benchmark in datasets, benchmark
        assert (benchmark, row["scenario"]) in limits, (benchmark, row["scenario"])
