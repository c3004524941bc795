"""Bytes and FLOPs per token from the architecture, checked against published figures."""

import pytest

from tco.models import Precision
from tco.performance.footprint import (
    WEIGHT_BYTES,
    effective_context,
    experts_touched_frac,
    kv_bytes_per_value,
    shape,
)


@pytest.mark.parametrize(
    "model_id", ["llama-2-70b", "llama-3.1-8b", "llama-3.1-405b", "deepseek-v3", "qwen3-32b"]
)
def test_kv_bytes_match_the_published_per_token_figure(catalogue, model_id):
    """models.csv carries each model's published BF16 KV bytes per token (e.g. Llama 2 70B:
    2 × 80 layers × 8 KV heads × 128 × 2 B = 327,680 B; DeepSeek-V3: 61 × 576 × 2 B)."""
    llm = catalogue.models[model_id]
    assert shape(llm, Precision.BF16).kv_bytes_per_token == llm.kv_cache_bytes_per_token_bf16
    assert shape(llm, Precision.FP8).kv_bytes_per_token == llm.kv_cache_bytes_per_token_bf16 / 2


def test_405b_bf16_weights_are_812_gb(catalogue):
    """405.85 B parameters × 2 B = 811.7 GB (Meta's model card rounds to 810 GB)."""
    weights = shape(catalogue.models["llama-3.1-405b"], Precision.BF16).weights_bytes
    assert weights / 1e9 == pytest.approx(811.7, abs=0.5)


def test_fp4_weights_include_block_scales_and_keep_the_lm_head_in_bf16(catalogue):
    llm = catalogue.models["llama-2-70b"]
    vocab = llm.vocab_size * llm.hidden_size
    body = llm.total_params_b * 1e9 - 2 * vocab
    assert WEIGHT_BYTES[Precision.FP4] == 0.5 + 1 / 16  # NVFP4: one FP8 scale per 16 values
    expected = body * (0.5 + 1 / 16) + 2 * vocab * 2
    assert shape(llm, Precision.FP4).weights_bytes == pytest.approx(expected)


def test_decode_flops_are_two_per_active_parameter(catalogue):
    """MoE compute uses active parameters: DeepSeek-V3 has 37 B active, of which the input
    embedding (129,280 × 7,168, config.json) is a lookup, not a matmul."""
    s = shape(catalogue.models["deepseek-v3"], Precision.FP8)
    assert s.gemm_flops_decode == pytest.approx(2 * (37e9 - 129_280 * 7_168), rel=1e-9)
    assert s.expert_read_bytes > 10 * s.dense_read_bytes  # most bytes are routed experts


def test_8bit_and_lower_weights_use_an_8bit_kv_cache():
    assert kv_bytes_per_value(Precision.BF16) == 2.0
    assert kv_bytes_per_value(Precision.FP16) == 2.0
    for precision in (Precision.FP8, Precision.INT8, Precision.FP4, Precision.INT4):
        assert kv_bytes_per_value(precision) == 1.0


def test_sliding_window_caps_the_cached_context(catalogue):
    """gpt-oss: half the layers see at most 128 tokens; Mixtral: all layers 4,096."""
    oss = shape(catalogue.models["gpt-oss-120b"], Precision.FP4)
    assert effective_context(oss, 100) == 100
    assert effective_context(oss, 10_128) == pytest.approx(0.5 * 128 + 0.5 * 10_128)
    mixtral = shape(catalogue.models["mixtral-8x7b"], Precision.FP8)
    assert effective_context(mixtral, 30_000) == 4096


def test_expert_coverage_grows_from_k_over_e_toward_all(catalogue):
    s = shape(catalogue.models["deepseek-v3"], Precision.FP8)  # 8 of 256 experts per token
    assert experts_touched_frac(s, 1) == pytest.approx(8 / 256)
    assert experts_touched_frac(s, 2) == pytest.approx(1 - (1 - 8 / 256) ** 2)
    values = [experts_touched_frac(s, n) for n in (1, 4, 16, 64, 256, 4096)]
    assert values == sorted(values)
    assert values[-1] > 0.999
    assert experts_touched_frac(shape(catalogue.models["llama-2-70b"], Precision.FP8), 64) == 0
