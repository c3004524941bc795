"""Physics invariants of the throughput model, over random workloads, parts and limits."""

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tco.data.catalogue import builtin_catalogue
from tco.models import Precision
from tco.performance import ServingCase, operating_point, throughput_curve
from tco.performance.footprint import shape
from tco.performance.parallelism import tp_candidates

CATALOGUE = builtin_catalogue()
MODELS = sorted(CATALOGUE.models)
PARTS = sorted(CATALOGUE.accelerators)
FP8_AND_BF16_PARTS = sorted(
    a.id for a in CATALOGUE.accelerators.values() if a.fp8_dense_tflops and a.bf16_dense_tflops
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

input_tokens = st.integers(min_value=1, max_value=20_000)
output_tokens = st.integers(min_value=1, max_value=4_000)
tpot_ms = st.one_of(st.none(), st.floats(min_value=5.0, max_value=500.0))
ttft_ms = st.one_of(st.none(), st.floats(min_value=100.0, max_value=20_000.0))


def _rate(llm, part, precision, isl, osl, **kw) -> float:
    point = operating_point(ServingCase(llm, part, precision, isl, osl, **kw))
    return point.output_tokens_per_s_per_accelerator


@SETTINGS
@given(
    model=st.sampled_from(MODELS),
    part=st.sampled_from(PARTS),
    isl=input_tokens,
    osl=output_tokens,
    factor=st.floats(min_value=1.01, max_value=4.0),
    tpot=tpot_ms,
)
def test_more_bandwidth_never_lowers_throughput(model, part, isl, osl, factor, tpot):
    llm, base = CATALOGUE.models[model], CATALOGUE.accelerators[part]
    faster = base.model_copy(
        update={"memory_bandwidth_tb_per_s": base.memory_bandwidth_tb_per_s * factor}
    )
    precision = base.supported_precisions[0]
    slow = _rate(llm, base, precision, isl, osl, tpot_max_ms=tpot)
    fast = _rate(llm, faster, precision, isl, osl, tpot_max_ms=tpot)
    assert fast >= slow * (1 - 1e-9)


@SETTINGS
@given(
    model=st.sampled_from(MODELS),
    part=st.sampled_from(PARTS),
    isl=input_tokens,
    osl=output_tokens,
    loose=st.floats(min_value=5.0, max_value=1_000.0),
    tighten=st.floats(min_value=0.05, max_value=0.99),
    ttft=ttft_ms,
)
def test_a_tighter_tpot_never_raises_throughput(model, part, isl, osl, loose, tighten, ttft):
    llm, accelerator = CATALOGUE.models[model], CATALOGUE.accelerators[part]
    precision = accelerator.supported_precisions[-1]
    relaxed = _rate(llm, accelerator, precision, isl, osl, tpot_max_ms=loose, ttft_max_ms=ttft)
    tight = _rate(
        llm, accelerator, precision, isl, osl, tpot_max_ms=loose * tighten, ttft_max_ms=ttft
    )
    unlimited = _rate(llm, accelerator, precision, isl, osl, ttft_max_ms=ttft)
    assert tight <= relaxed * (1 + 1e-9)
    assert relaxed <= unlimited * (1 + 1e-9)


@SETTINGS
@given(
    model=st.sampled_from(MODELS),
    part=st.sampled_from(FP8_AND_BF16_PARTS),
    isl=input_tokens,
    osl=output_tokens,
    tpot=tpot_ms,
    ttft=ttft_ms,
)
def test_fp8_is_never_slower_than_bf16(model, part, isl, osl, tpot, ttft):
    llm, accelerator = CATALOGUE.models[model], CATALOGUE.accelerators[part]
    limits = {"tpot_max_ms": tpot, "ttft_max_ms": ttft}
    bf16 = _rate(llm, accelerator, Precision.BF16, isl, osl, **limits)
    fp8 = _rate(llm, accelerator, Precision.FP8, isl, osl, **limits)
    assert fp8 >= bf16 * (1 - 1e-9)


@SETTINGS
@given(
    model=st.sampled_from(MODELS),
    part=st.sampled_from(PARTS),
    isl=input_tokens,
    osl=output_tokens,
    shrink=st.floats(min_value=1e-4, max_value=1.0),
)
def test_a_model_that_does_not_fit_is_infeasible_never_a_number(model, part, isl, osl, shrink):
    """Weights larger than the memory of the largest group a copy may span: no number."""
    llm, base = CATALOGUE.models[model], CATALOGUE.accelerators[part]
    precision = base.supported_precisions[0]
    small = base.model_copy(update={"memory_gb": base.memory_gb * shrink})
    point = operating_point(ServingCase(llm, small, precision, isl, osl, system_accelerators=8))
    largest_group = max(tp_candidates(small, 8))
    weights_gb = shape(llm, precision).weights_bytes / 1e9
    if weights_gb > small.memory_gb * largest_group:
        assert not point.feasible
        assert point.bound == "infeasible"
        assert point.output_tokens_per_s_per_accelerator == 0
        assert point.infeasible_reason
    if point.feasible:
        used = point.weights_gb_per_accelerator + point.kv_cache_gb_per_accelerator
        assert used <= small.memory_gb


@SETTINGS
@given(
    model=st.sampled_from(MODELS),
    part=st.sampled_from(PARTS),
    isl=st.integers(min_value=16, max_value=8_000),
    osl=st.integers(min_value=16, max_value=2_000),
)
def test_curve_throughput_falls_as_interactivity_rises(model, part, isl, osl):
    llm, accelerator = CATALOGUE.models[model], CATALOGUE.accelerators[part]
    precision = accelerator.supported_precisions[-1]
    points = throughput_curve(ServingCase(llm, accelerator, precision, isl, osl), points=20)
    users = [p.output_tokens_per_s_per_user for p in points]
    rates = [p.output_tokens_per_s_per_accelerator for p in points]
    assert users == sorted(users)
    assert all(a >= b * (1 - 1e-9) for a, b in itertools.pairwise(rates))


@SETTINGS
@given(
    model=st.sampled_from(MODELS),
    part=st.sampled_from(PARTS),
    isl=input_tokens,
    osl=output_tokens,
)
def test_longer_prompts_never_raise_output_throughput(model, part, isl, osl):
    llm, accelerator = CATALOGUE.models[model], CATALOGUE.accelerators[part]
    precision = accelerator.supported_precisions[-1]
    short = _rate(llm, accelerator, precision, isl, osl)
    long = _rate(llm, accelerator, precision, isl * 2, osl)
    assert long <= short * (1 + 1e-9)
