"""One model copy on a tensor-parallel group: memory, step time and the batch it can run.

Continuous batching with chunked prefill [1, 2]: every step generates one token for each of
the B sequences in flight and also processes the prompt tokens of newly admitted requests.
In steady state a request brings ``input_tokens`` prompt tokens for every ``output_tokens``
generated ones, so a step carries ρ·B prompt tokens with ρ = input / output.

A step runs two kinds of kernels one after the other, so their times add [3]:

* the weight matmuls (GEMMs), which stream the weights once per step and do 2 FLOPs per
  weight per token: a roofline of weight bytes and matmul FLOPs;
* attention, which streams each sequence's KV cache and does its own FLOPs: linear in B.

    t_step(B) = ‖t_weights, B·t_gemm‖_n + B·t_attn + t_fixed + B·t_comm              [s]

    t_weights = weight bytes read per step / (bandwidth × η_bw)     (MoE: experts touched)
    t_gemm    = (decode + ρ·prefill matmul FLOPs of one sequence) / (peak × η_c)
                (routed experts' FLOPs count 1 / moe_expert_frac times: grouped matmuls)
    t_attn    = max(KV bytes / (bandwidth × η_bw), attention FLOPs / (peak × η_c))
    t_fixed   = layers × per-layer overhead + 2 × layers × all-reduce latency (TP > 1)
    t_comm    = (1 + ρ) × 2 × layers × hidden × 2 B × 2(t-1)/t / scale-up bandwidth   [4]

‖a, b‖_n = (aⁿ + bⁿ)^(1/n) is a smooth roofline: n → ∞ is the ideal max(a, b), n = 1 no
overlap. Matmuls near the ridge point (a few hundred tokens per step) reach less than either
roof [5]; n is fitted (parameters.csv, roofline_exponent). Every term is per accelerator of a
group of t. Output tokens per second per replica, B / t_step(B), increases with B, so the best
batch is the largest that fits in memory and meets the latency targets; t_step increases with
B, so each latency limit is found by bisection between closed-form bounds (n = 1 and n = ∞).

References
----------
[1] Yu et al., "Orca: A Distributed Serving System for Transformer-Based Generative Models",
    OSDI 2022 (iteration-level scheduling).
[2] Agrawal et al., "SARATHI: Efficient LLM Inference by Piggybacking Decodes with Chunked
    Prefills", arXiv:2308.16369.
[3] Williams, Waterman, Patterson, "Roofline: an insightful visual performance model",
    CACM 52(4), 2009.
[4] Patarasuk & Yuan, "Bandwidth optimal all-reduce algorithms for clusters of workstations",
    JPDC 69(2), 2009: ring all-reduce moves 2(t-1)/t of the message per participant.
[5] Ofenbeck et al., "Applying the roofline model", ISPASS 2014 (attainable performance
    falls below both roofs near the ridge).
"""

import math
from dataclasses import dataclass

from tco.performance.calibration import Efficiency, Globals
from tco.performance.footprint import ModelShape, effective_context, experts_touched_frac

ACTIVATION_BYTES = 2.0  # activations exchanged by all-reduce in BF16 [B]
ALLREDUCES_PER_LAYER = 2  # after attention and after the MLP (Megatron-style TP)
TTFT_STEPS = 1.5  # mean wait for the step in flight (½) plus the step carrying the prompt (1)


@dataclass(frozen=True, slots=True)
class Hardware:
    """The accelerator figures the step model needs, in base units."""

    memory_bytes: float
    bandwidth_bytes_per_s: float
    gemm_flops_per_s: float  # dense peak of the weight precision's matmuls [FLOP/s]
    attn_flops_per_s: float  # dense peak used by attention (FP8 if cached in FP8, else BF16)
    link_bytes_per_s: float | None  # scale-up bandwidth, one direction [B/s]


@dataclass(slots=True)
class Replica:
    """Cost coefficients of one model copy on ``tp`` accelerators, per accelerator.

    Read-only by convention, not ``frozen``: a frozen dataclass sets each field through
    ``object.__setattr__``, which doubled the time to build the group sizes of every
    evaluation (15 against 8 µs for four sizes).
    """

    tp: int
    free_bytes: float  # memory left for KV after weights and reserve [B]
    weights_bytes: float  # weights held [B]
    kv_bytes_per_seq: float  # KV of one sequence at mean occupancy [B]
    kv_bytes_longest_seq: float  # KV of one sequence at its full length [B]
    t_weights: float  # dense weights read per step [s]
    t_experts: float  # all routed experts read once [s]
    t_gemm: float  # matmul time per sequence per step, decode + prompt share [s]
    t_gemm_decode: float  # matmul time per sequence per step, decode only [s]
    t_attn: float  # attention time per sequence per step, decode + prompt share [s]
    t_attn_decode: float  # attention time per sequence per step, decode only [s]
    t_kv: float  # KV streaming time per sequence per step (memory part of t_attn) [s]
    t_fixed: float  # overhead and all-reduce latency per step [s]
    t_comm: float  # all-reduce bandwidth time per sequence per step [s]
    t_prefill: float  # time to compute one whole prompt [s]
    tokens_per_seq: float  # tokens one sequence adds to a step, 1 + ρ
    exponent: float  # smooth-roofline exponent n
    shape: ModelShape

    def weights_s(self, batch: float) -> float:
        """Weight streaming time of a step: dense weights plus the experts touched [s]."""
        if not self.t_experts:
            return self.t_weights
        touched = experts_touched_frac(self.shape, batch * self.tokens_per_seq)
        return self.t_weights + self.t_experts * touched

    def step_s(self, batch: float) -> float:
        """Time of one step carrying ``batch`` sequences [s] (inlined: the hot path)."""
        weights = self.t_weights
        if self.t_experts:
            weights += self.t_experts * experts_touched_frac(
                self.shape, batch * self.tokens_per_seq
            )
        gemm = batch * self.t_gemm
        if weights > 0.0 and gemm > 0.0:
            n = self.exponent
            high, low = (weights, gemm) if weights >= gemm else (gemm, weights)
            gemm = high * (1.0 + (low / high) ** n) ** (1.0 / n)
        else:
            gemm += weights
        return gemm + batch * (self.t_attn + self.t_comm) + self.t_fixed

    def decode_only_s(self, batch: float) -> float:
        """Time the step would take without its prompt share [s]."""
        gemm = roofline(self.weights_s(batch), batch * self.t_gemm_decode, self.exponent)
        return gemm + batch * self.t_attn_decode + self.t_fixed

    def shares(self, batch: float) -> tuple[float, float, float]:
        """Shares of a step spent on memory traffic, arithmetic and communication [0-1].

        The overlap of the matmul roofline is split in proportion to its two parts.
        """
        weights, gemm = self.weights_s(batch), batch * self.t_gemm
        both = roofline(weights, gemm, self.exponent)
        kv = batch * self.t_kv
        attn_flops = batch * self.t_attn - kv
        step = self.step_s(batch)
        split = both / (weights + gemm)
        memory = (weights * split + kv) / step
        flops = (gemm * split + attn_flops) / step
        return memory, flops, (batch * self.t_comm + self.t_fixed) / step

    def capacity_batch(self) -> float:
        """Sequences that fit in the memory left after weights [count]."""
        return self.free_bytes / self.kv_bytes_per_seq if self.kv_bytes_per_seq else math.inf

    def batch_for_step(self, step_max_s: float) -> float:
        """Largest whole batch whose step takes at most ``step_max_s`` [count].

        Regula falsi (Illinois variant) between the no-overlap bound (n = 1, every expert read)
        and the ideal roofline bound (n = ∞, no expert read), both linear in the batch.
        """
        slack = step_max_s - self.t_fixed
        if slack <= 0 or self.step_s(0.0) > step_max_s:
            return 0.0
        per_seq = self.t_attn + self.t_comm
        low = max(slack - self.t_weights - self.t_experts, 0.0) / (self.t_gemm + per_seq)
        high = min(slack / (self.t_gemm + per_seq), max(slack - self.t_weights, 0.0) / per_seq)
        g_low = self.step_s(low) - step_max_s
        g_high = self.step_s(high) - step_max_s
        if g_high <= 0.0:
            return float(math.floor(high + 1e-9))
        side = 0
        for _ in range(60):
            if high - low <= 0.25 or g_low >= 0.0:
                break
            mid = high - g_high * (high - low) / (g_high - g_low)
            g_mid = self.step_s(mid) - step_max_s
            if g_mid <= 0.0:
                low, g_low = mid, g_mid
                if side == -1:
                    g_high *= 0.5
                side = -1
            else:
                high, g_high = mid, g_mid
                if side == 1:
                    g_low *= 0.5
                side = 1
        batch = math.floor(low + 1e-9)
        while self.step_s(batch + 1) <= step_max_s:  # exact integer answer (0-2 extra steps)
            batch += 1
        return float(batch)


def roofline(memory_s: float, flops_s: float, exponent: float) -> float:
    """Smooth roofline ‖memory, flops‖_n of a kernel's memory and arithmetic times [s]."""
    if memory_s <= 0.0 or flops_s <= 0.0:
        return memory_s + flops_s
    high, low = (memory_s, flops_s) if memory_s >= flops_s else (flops_s, memory_s)
    return high * (1.0 + (low / high) ** exponent) ** (1.0 / exponent)


def build(
    shape: ModelShape,
    hw: Hardware,
    eff: Efficiency,
    glob: Globals,
    *,
    sizes: tuple[int, ...],
    input_tokens: int,
    output_tokens: int,
    fp4: bool,
    prompt_compute_frac: float = 1.0,
) -> list[Replica]:
    """Cost coefficients of ``shape`` for one request mix on each group size in ``sizes``.

    Weights and FLOPs split evenly over the group. The KV cache splits over at most
    ``kv_heads`` accelerators (beyond that, heads are replicated); latent KV is assumed
    spread over the group by data-parallel attention, as SGLang and TensorRT-LLM serve
    DeepSeek models. Terms that do not depend on the group size are computed once.
    ``prompt_compute_frac`` is the share of prompt tokens that must be computed (below 1
    when a prompt's KV is shared, as between beams of one request); the cache still holds
    and reads every prompt token.
    """
    rho = input_tokens / output_tokens
    rho_compute = rho * prompt_compute_frac
    bandwidth = hw.bandwidth_bytes_per_s * eff.bandwidth_frac
    gemm_rate = hw.gemm_flops_per_s * eff.compute_frac * (eff.fp4_relative_frac if fp4 else 1.0)
    attn_rate = hw.attn_flops_per_s * eff.compute_frac
    occupancy = effective_context(shape, input_tokens + output_tokens / 2.0)
    longest = effective_context(shape, input_tokens + output_tokens)
    prompt_context = effective_context(shape, input_tokens / 2.0)
    kv_occupancy = shape.kv_bytes_per_token * occupancy
    kv_longest = shape.kv_bytes_per_token * longest
    attn_decode_flops = shape.attn_flops_per_context_token * occupancy / attn_rate
    attn_prompt = shape.attn_flops_per_context_token * prompt_context / attn_rate
    # routed experts run as grouped matmuls at a fitted share of dense efficiency
    expert_extra = shape.expert_flops * (1.0 / glob.moe_expert_frac - 1.0)
    gemm_decode = (shape.gemm_flops_decode + expert_extra) / gemm_rate
    gemm_prompt = (shape.gemm_flops_prefill + expert_extra) / gemm_rate
    usable = hw.memory_bytes * (1.0 - glob.memory_reserve_frac)
    overhead = shape.layers * eff.layer_overhead_s
    message = ALLREDUCES_PER_LAYER * shape.layers * shape.hidden_size * ACTIVATION_BYTES
    latency = ALLREDUCES_PER_LAYER * shape.layers * glob.allreduce_latency_s
    replicas = []
    for tp in sizes:
        kv_split = tp if shape.latent_kv else min(tp, shape.kv_heads)
        kv_seq = kv_occupancy / kv_split
        t_kv = kv_seq / bandwidth
        attn_decode = max(t_kv, attn_decode_flops / tp)
        if tp > 1 and hw.link_bytes_per_s:
            per_token = message * 2.0 * (tp - 1) / tp / hw.link_bytes_per_s
            fixed = overhead + latency
        else:
            per_token, fixed = 0.0, overhead
        weights = shape.weights_bytes / tp
        replicas.append(
            Replica(
                tp=tp,
                free_bytes=usable - weights,
                weights_bytes=weights,
                kv_bytes_per_seq=kv_seq,
                kv_bytes_longest_seq=kv_longest / kv_split,
                t_weights=shape.dense_read_bytes / tp / bandwidth,
                t_experts=shape.expert_read_bytes / tp / bandwidth,
                t_gemm=(gemm_decode + rho_compute * gemm_prompt) / tp,
                t_gemm_decode=gemm_decode / tp,
                t_attn=attn_decode + rho_compute * attn_prompt / tp,
                t_attn_decode=attn_decode,
                t_kv=t_kv,
                t_fixed=fixed,
                t_comm=(1.0 + rho_compute) * per_token,
                t_prefill=input_tokens * prompt_compute_frac * (gemm_prompt + attn_prompt) / tp,
                tokens_per_seq=1.0 + rho_compute,
                exponent=glob.roofline_exponent,
                shape=shape,
            )
        )
    return replicas
