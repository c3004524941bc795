"""The interface the TCO engine uses: operating_point and throughput_curve."""

import itertools
import math

import pytest

from tco.models import OperatingPoint, Precision
from tco.models.errors import TcoError
from tco.performance import ServingCase, calibration, operating_point, throughput_curve


def _point(catalogue, model, part, precision, isl=1000, osl=400, **kw):
    return operating_point(
        ServingCase(
            catalogue.models[model], catalogue.accelerators[part], Precision(precision), isl, osl,
            **kw,
        )
    )  # fmt: skip


def test_every_part_model_and_precision_gives_a_valid_point_or_a_reason(catalogue):
    """Jetson, Groq, Cerebras, TPUs, PCIe cards, NVL72 racks: a number or one sentence."""
    for llm in catalogue.models.values():
        for part in catalogue.accelerators.values():
            for precision in part.supported_precisions:
                point = operating_point(ServingCase(llm, part, precision, 1000, 400))
                checked = OperatingPoint.model_validate(point.model_dump())  # ranges hold
                if checked.feasible:
                    assert checked.output_tokens_per_s_per_accelerator > 0
                    assert checked.tensor_parallel * checked.replicas >= 1
                    assert checked.tensor_parallel * checked.replicas <= checked.system_accelerators
                    assert checked.weights_gb_per_accelerator <= part.memory_gb
                    used = checked.weights_gb_per_accelerator + checked.kv_cache_gb_per_accelerator
                    assert used <= part.memory_gb
                else:
                    assert checked.bound == "infeasible"
                    assert checked.output_tokens_per_s_per_accelerator == 0
                    assert checked.infeasible_reason.count(". ") == 0  # one sentence
                    assert checked.infeasible_reason.startswith(llm.name) or "batch" in (
                        checked.infeasible_reason
                    )


def test_a_model_that_does_not_fit_says_why_with_the_numbers(catalogue):
    point = _point(catalogue, "llama-3.1-405b", "nvidia-h100-sxm", "bf16")
    assert not point.feasible
    assert point.bound == "infeasible"
    assert point.output_tokens_per_s_per_accelerator == 0
    assert "812 GB" in point.infeasible_reason
    assert "8 × H100 SXM (640 GB)" in point.infeasible_reason
    assert "use FP8" in point.infeasible_reason


def test_parts_without_a_link_serve_one_copy_per_part(catalogue):
    groq = _point(catalogue, "llama-3.1-8b", "groq-lpu", "int8")
    assert not groq.feasible
    assert "scale-up link" in groq.infeasible_reason
    jetson = _point(catalogue, "llama-3.1-8b", "nvidia-jetson-agx-orin", "int8", 500, 200)
    assert jetson.feasible
    assert jetson.tensor_parallel == 1


def test_rack_scale_parts_use_their_nvlink_domain(catalogue):
    """DeepSeek-R1 at FP8 (≈ 673 GB) cannot fit 4 GB200s but fits a group inside an NVL72."""
    small = _point(catalogue, "deepseek-r1", "nvidia-gb200", "fp8", system_accelerators=4)
    rack = _point(catalogue, "deepseek-r1", "nvidia-gb200", "fp8", system_accelerators=72)
    assert not small.feasible
    assert rack.feasible
    assert rack.tensor_parallel >= 4
    assert rack.tensor_parallel * rack.replicas <= 72


def test_pcie_cards_may_span_the_system_over_pcie(catalogue):
    """70B at FP8 does not fit one 48 GB L40S; MLPerf's 8 × L40S servers run it over PCIe."""
    point = _point(catalogue, "llama-2-70b", "nvidia-l40s", "fp8", 300, 300)
    assert point.feasible
    assert point.tensor_parallel >= 2


def test_rates_latency_and_energy_are_consistent(catalogue):
    point = _point(catalogue, "llama-3.1-70b", "nvidia-h200-sxm", "fp8", 2000, 500)
    assert point.input_tokens_per_s_per_accelerator == pytest.approx(
        point.output_tokens_per_s_per_accelerator * 2000 / 500
    )
    assert point.output_tokens_per_s_per_user == pytest.approx(1000 / point.tpot_ms)
    assert point.ttft_ms > point.tpot_ms
    assert point.joules_per_output_token == pytest.approx(
        point.power_w_per_accelerator / point.output_tokens_per_s_per_accelerator
    )
    tdp = 700
    assert 0.2 * tdp <= point.power_w_per_accelerator <= tdp
    assert 0 < point.prefill_time_frac < 1


def test_latency_limits_are_met_at_p99(catalogue):
    g = calibration.globals_()
    point = _point(catalogue, "llama-2-70b", "nvidia-b200", "fp4", 290, 294, tpot_max_ms=40,
                   ttft_max_ms=450)  # fmt: skip
    assert point.feasible
    assert point.tpot_ms * g.tpot_p99_over_mean <= 40 + 1e-9
    assert point.ttft_ms * g.ttft_p99_over_mean <= 450 + 1e-9
    assert point.bound in ("tpot", "ttft")


def test_an_impossible_latency_target_is_infeasible_not_an_error(catalogue):
    point = _point(catalogue, "llama-2-70b", "nvidia-h100-sxm", "fp8", 300, 300, tpot_max_ms=2)
    assert not point.feasible
    assert "TPOT ≤ 2 ms" in point.infeasible_reason


def test_context_longer_than_the_model_is_infeasible(catalogue):
    point = _point(catalogue, "llama-2-70b", "nvidia-h100-sxm", "fp8", 4000, 1000)
    assert not point.feasible
    assert "4,096-token context" in point.infeasible_reason


@pytest.mark.parametrize("field", ["fp8_dense_tflops", "memory_bandwidth_tb_per_s"])
@pytest.mark.parametrize("value", [5e-324, 1e-300, 1e-9])
def test_a_part_too_slow_to_serve_is_infeasible_with_a_reason(catalogue, field, value):
    """A user's part with a tiny rate: its times overflow or exceed an hour per token."""
    part = catalogue.accelerators["nvidia-h100-sxm"].model_copy(update={field: value})
    llm = catalogue.models["llama-3.1-8b"]
    point = operating_point(ServingCase(llm, part, Precision.FP8, 1000, 400, tpot_max_ms=50))
    assert not point.feasible
    assert "too small to run Llama 3.1 8B at even one token an hour" in point.infeasible_reason
    assert throughput_curve(ServingCase(llm, part, Precision.FP8, 1000, 400)) == []


def test_a_part_with_a_near_zero_link_serves_on_one_accelerator(catalogue):
    """Groups that need the link would take forever; single parts still serve."""
    part = catalogue.accelerators["nvidia-h100-sxm"].model_copy(
        update={"scale_up_bandwidth_gb_per_s": 1e-300}
    )
    point = operating_point(
        ServingCase(catalogue.models["llama-3.1-8b"], part, Precision.FP8, 1000, 400)
    )
    assert point.feasible
    assert point.tensor_parallel == 1
    assert point.replicas == 8


def test_parts_without_tdp_report_zero_energy(catalogue):
    point = _point(catalogue, "llama-3.1-8b", "google-tpu-v6e", "bf16")
    assert point.feasible
    assert point.power_w_per_accelerator == 0
    assert point.joules_per_output_token == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"precision": Precision.FP4}, "no FP4 support"),
        ({"input_tokens": 0}, "input tokens"),
        ({"output_tokens": -5}, "output tokens"),
        ({"tpot_max_ms": 0.0}, "TPOT"),
        ({"system_accelerators": 0}, "system accelerators"),
    ],
)
def test_invalid_arguments_raise_one_line(catalogue, kwargs, message):
    args = {
        "llm": catalogue.models["llama-2-70b"],
        "accelerator": catalogue.accelerators["nvidia-h100-sxm"],
        "precision": Precision.FP8,
        "input_tokens": 100,
        "output_tokens": 100,
    }
    args.update(kwargs)
    with pytest.raises(TcoError, match=message) as info:
        operating_point(ServingCase(**args))
    assert "\n" not in str(info.value)


def test_curve_is_a_frontier_from_throughput_to_interactivity(catalogue):
    case = ServingCase(
        catalogue.models["llama-3.1-70b"], catalogue.accelerators["nvidia-h100-sxm"],
        Precision.FP8, 1000, 300,
    )  # fmt: skip
    points = throughput_curve(case)
    assert 10 <= len(points) <= 50
    users = [p.output_tokens_per_s_per_user for p in points]
    rates = [p.output_tokens_per_s_per_accelerator for p in points]
    assert users == sorted(users)
    assert all(a >= b * (1 - 1e-9) for a, b in itertools.pairwise(rates))
    offline = operating_point(case)
    assert rates[0] == pytest.approx(offline.output_tokens_per_s_per_accelerator, rel=1e-6)
    for point in points:
        OperatingPoint.model_validate(point.model_dump())


def test_curve_of_an_impossible_configuration_is_empty(catalogue):
    assert (
        throughput_curve(
            ServingCase(
                catalogue.models["llama-3.1-405b"],
                catalogue.accelerators["nvidia-l4"],
                Precision.BF16,
                100,
                100,
            )
        )
        == []
    )


def test_older_software_is_slower(catalogue):
    llm, part = catalogue.models["llama-2-70b"], catalogue.accelerators["nvidia-h100-sxm"]
    today = operating_point(ServingCase(llm, part, Precision.FP8, 290, 294))
    before = operating_point(ServingCase(llm, part, Precision.FP8, 290, 294, software_round="v4.1"))
    ratio = before.output_tokens_per_s_per_accelerator / today.output_tokens_per_s_per_accelerator
    assert 0.6 < ratio < 1.0
    assert math.isfinite(ratio)
