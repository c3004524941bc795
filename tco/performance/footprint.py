"""Bytes and FLOPs of one model at one precision: what each token costs to store and compute.

Everything here depends only on the LLM's architecture and the numeric formats, not on the
accelerator; `shape()` condenses it into plain floats once (cached) so that the serving model's
inner loops never touch pydantic objects.

References
----------
[1] Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361, §2.1
    (forward FLOPs ≈ 2 × parameters per token, plus the attention term).
[2] Pope et al., "Efficiently Scaling Transformer Inference", MLSys 2023, §2 (KV cache size).
[3] DeepSeek-AI, "DeepSeek-V2", arXiv:2405.04434, §2.1 (latent KV, absorbed attention).
[4] NVIDIA, "Introducing NVFP4", developer.nvidia.com blog, 2025: 16-value blocks, FP8 scales.
[5] Lin et al., "AWQ", arXiv:2306.00978: group-wise INT4 with one FP16 scale per 128 weights.
[6] NVIDIA TensorRT Model Optimizer, default quantisation config: ``lm_head`` is excluded
    from FP8/FP4 quantisation (github.com/NVIDIA/TensorRT-Model-Optimizer, modelopt.torch.
    quantization.config, ``"*lm_head*": {"enable": False}``).
"""

from dataclasses import dataclass
from functools import lru_cache

from tco.models.hardware import Precision
from tco.models.llm import LLM

BF16_BYTES = 2.0
FP8_BYTES = 1.0
MLA_ROPE_DIM = 64  # decoupled RoPE key width of DeepSeek-V2/V3 latent attention [3]

# Bytes per stored weight including block-scale overhead [B]. FP4 = NVFP4 (4 bits + one
# FP8 scale per 16 values) [4]; INT4 = 4 bits + one FP16 scale per 128 values [5].
WEIGHT_BYTES = {
    Precision.BF16: 2.0,
    Precision.FP16: 2.0,
    Precision.FP8: 1.0,
    Precision.INT8: 1.0,
    Precision.FP4: 0.5 + 1.0 / 16.0,
    Precision.INT4: 0.5 + 2.0 / 128.0,
}


def kv_bytes_per_value(precision: Precision) -> float:
    """Bytes per cached key/value element [B].

    Weights in 8 bits or fewer are served with an 8-bit KV cache (FP8, or INT8 where the
    part lacks FP8), as TensorRT-LLM and vLLM deployments of FP8/FP4 checkpoints do; 16-bit
    weights keep a 16-bit cache.
    """
    return BF16_BYTES if precision in (Precision.BF16, Precision.FP16) else FP8_BYTES


@dataclass(frozen=True, slots=True)
class ModelShape:
    """Per-token costs of one model at one precision, as plain floats.

    All bytes and FLOPs are for the whole model (one replica, before tensor parallelism).
    """

    model_id: str
    name: str
    layers: int
    kv_heads: int
    latent_kv: bool
    weights_bytes: float  # every stored weight, incl. embeddings and head [B]
    dense_read_bytes: float  # weights read every decode step whatever the batch [B]
    expert_read_bytes: float  # all routed experts' weights; a step reads the share touched [B]
    experts_total: int  # routed experts per MoE layer (0 for dense)
    experts_active: int  # experts each token uses (0 for dense)
    gemm_flops_decode: float  # matmul FLOPs per generated token [FLOP]
    gemm_flops_prefill: float  # matmul FLOPs per prompt token (no LM head) [FLOP]
    expert_flops: float  # of which in routed experts, per token [FLOP]
    attn_flops_per_context_token: float  # attention FLOPs per query token per cached token
    kv_bytes_per_token: float  # KV cache bytes per token across all layers [B]
    window_tokens: int | None  # sliding window of windowed layers [tokens]
    window_layer_frac: float  # share of layers that use the window [0-1]
    hidden_size: int
    context_length_tokens: int | None


def _embedding_params(llm: LLM) -> float:
    """Parameters of one vocabulary matrix (input embedding or LM head) [count]."""
    return float(llm.vocab_size or 0) * llm.hidden_size


@lru_cache(maxsize=256)
def shape(llm: LLM, precision: Precision) -> ModelShape:
    """Condense an LLM at a weight precision into per-token byte and FLOP counts.

    Weights [B] = body parameters × bytes per weight + 2 × vocab × hidden × 2 (embedding and
    LM head kept in BF16 [6]; untied, as in every model in the catalogue).
    A decode step reads the body weights it uses and the LM head; the embedding is a gather.
    Matmul FLOPs per token = 2 × active body parameters (+ 2 × LM head for generated
    tokens) [1]. Attention FLOPs per query token = 2 × layers × heads × (d_qk + d_v) per
    cached token [1]; for latent attention d_qk = latent width and d_v = latent width
    without the RoPE part (absorbed form, [3]).
    """
    embed = _embedding_params(llm)
    body_total = max(llm.total_params_b * 1e9 - 2.0 * embed, 0.0)
    body_active = max(llm.active_params_b * 1e9 - 2.0 * embed, 0.0)
    w = WEIGHT_BYTES[precision]
    if llm.architecture == "moe":
        expert_params = llm.routed_params_b * 1e9
        dense_body = max(body_total - expert_params, 0.0)
    else:
        expert_params = 0.0
        dense_body = body_total
    if llm.kv_latent_dim:
        # absorbed MLA: scores over the full latent, values over its non-RoPE part
        d_qk, d_v = llm.kv_latent_dim, max(llm.kv_latent_dim - MLA_ROPE_DIM, 1)
    else:
        d_qk = d_v = llm.head_dim
    return ModelShape(
        model_id=llm.id,
        name=llm.name,
        layers=llm.layers,
        kv_heads=llm.kv_heads,
        latent_kv=llm.kv_latent_dim is not None,
        weights_bytes=body_total * w + 2.0 * embed * BF16_BYTES,
        dense_read_bytes=dense_body * w + embed * BF16_BYTES,
        expert_read_bytes=expert_params * w,
        experts_total=llm.experts_total or 0,
        experts_active=llm.experts_active or 0,
        gemm_flops_decode=2.0 * (body_active + embed),
        gemm_flops_prefill=2.0 * body_active,
        expert_flops=2.0 * llm.expert_params_b * 1e9 * (llm.experts_active or 0),
        attn_flops_per_context_token=2.0 * llm.layers * llm.attention_heads * (d_qk + d_v),
        kv_bytes_per_token=llm.kv_bytes_per_token(kv_bytes_per_value(precision)),
        window_tokens=llm.sliding_window_tokens,
        window_layer_frac=llm.sliding_window_layer_frac,
        hidden_size=llm.hidden_size,
        context_length_tokens=llm.context_length_tokens,
    )


def effective_context(model: ModelShape, tokens: float) -> float:
    """Mean cached tokens per layer for a sequence holding ``tokens`` tokens [tokens].

    Windowed layers keep at most the window (gpt-oss: half the layers, 128 tokens;
    Mixtral: all layers, 4,096 tokens); the rest keep everything.
    """
    if not model.window_tokens or model.window_layer_frac <= 0.0:
        return tokens
    windowed = min(tokens, float(model.window_tokens))
    return model.window_layer_frac * windowed + (1.0 - model.window_layer_frac) * tokens


def experts_touched_frac(model: ModelShape, tokens_in_step: float) -> float:
    """Expected share of routed experts that at least one token in a step uses [0-1].

    With top-k routing spread uniformly over E experts, one expert is missed by a token with
    probability 1 - k/E, so by n tokens with (1 - k/E)^n. Real routers are skewed, which
    touches fewer distinct experts; uniform routing is the conservative (more bytes) case.
    """
    if model.experts_total == 0:
        return 0.0
    miss = 1.0 - model.experts_active / model.experts_total
    return 1.0 - miss ** max(tokens_in_step, 1.0)
