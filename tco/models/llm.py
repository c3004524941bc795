"""Large language models: the architecture figures the throughput model needs."""

from typing import Literal, Self

from pydantic import Field, model_validator

from tco.models.base import Fraction, LongText, ShortText, Slug, Sourced
from tco.models.hardware import Precision


class LLM(Sourced):
    """A transformer LLM's architecture (dense or mixture-of-experts, GQA or latent KV)."""

    id: Slug
    name: ShortText = Field(min_length=1, description="Model name.")
    architecture: Literal["dense", "moe"] = Field(description="Dense or mixture-of-experts.")
    total_params_b: float = Field(gt=0, le=100_000, description="All parameters [billions].")
    active_params_b: float = Field(
        gt=0,
        le=100_000,
        description="Parameters used per token (all, for dense models) [billions].",
    )
    layers: int = Field(ge=1, le=1000, description="Transformer layers [count].")
    hidden_size: int = Field(ge=1, le=1_000_000, description="Model (residual) width [count].")
    attention_heads: int = Field(ge=1, le=10_000, description="Query heads per layer [count].")
    kv_heads: int = Field(ge=1, le=10_000, description="Key/value heads per layer (GQA) [count].")
    head_dim: int = Field(ge=1, le=10_000, description="Width of one attention head [count].")
    kv_latent_dim: int | None = Field(
        default=None,
        ge=1,
        le=100_000,
        description="Cached latent width per layer for multi-head latent attention (MLA) [count]; "
        "empty for standard attention.",
    )
    intermediate_size: int = Field(ge=1, le=10_000_000, description="Dense MLP width [count].")
    vocab_size: int | None = Field(default=None, ge=1, le=10_000_000, description="Vocabulary.")
    experts_total: int | None = Field(
        default=None, ge=2, le=100_000, description="Routed experts per MoE layer [count]."
    )
    experts_active: int | None = Field(
        default=None, ge=1, le=1000, description="Routed experts each token uses [count]."
    )
    moe_intermediate_size: int | None = Field(
        default=None, ge=1, le=10_000_000, description="Width of one expert's MLP [count]."
    )
    sliding_window_tokens: int | None = Field(
        default=None,
        ge=1,
        le=10_000_000,
        description="Attention window of windowed layers [tokens].",
    )
    sliding_window_layer_frac: Fraction = Field(
        default=0.0, description="Share of layers that use the sliding window [0-1]."
    )
    context_length_tokens: int | None = Field(
        default=None, ge=1, le=100_000_000, description="Longest supported context [tokens]."
    )
    kv_cache_bytes_per_token_bf16: float | None = Field(
        default=None,
        gt=0,
        description="KV-cache bytes per token in BF16 as published, for checking [B].",
    )
    native_precision: Precision = Field(
        default=Precision.BF16, description="Precision the weights are released in."
    )
    confidence: Literal["high", "medium", "low"] = "medium"
    notes: LongText = ""

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.active_params_b > self.total_params_b * (1 + 1e-9):
            raise ValueError("active_params_b cannot exceed total_params_b")
        if self.architecture == "moe":
            if not (self.experts_total and self.experts_active):
                raise ValueError("a MoE model needs experts_total and experts_active")
            if self.experts_active >= self.experts_total:
                raise ValueError("experts_active must be smaller than experts_total")
            if self.active_params_b >= self.total_params_b:
                raise ValueError("a MoE model has fewer active than total parameters")
        elif self.experts_total or self.experts_active:
            raise ValueError("a dense model has no experts; set architecture to 'moe'")
        if self.kv_heads > self.attention_heads:
            raise ValueError("kv_heads cannot exceed attention_heads")
        return self

    @property
    def expert_params_b(self) -> float:
        """Parameters of one routed expert summed over layers [billions].

        From total = shared + E·p and active = shared + k·p: p = (total - active) / (E - k).
        Zero for dense models (the validator above leaves them without experts).
        """
        if self.experts_total is None or self.experts_active is None:
            return 0.0
        return (self.total_params_b - self.active_params_b) / (
            self.experts_total - self.experts_active
        )

    @property
    def routed_params_b(self) -> float:
        """Parameters of all routed experts summed over layers, E·p [billions]; 0 if dense."""
        return self.expert_params_b * (self.experts_total or 0)

    @property
    def shared_params_b(self) -> float:
        """Parameters every token uses: attention, embeddings, shared experts [billions]."""
        if self.experts_active is None:
            return self.total_params_b
        return self.active_params_b - self.experts_active * self.expert_params_b

    def kv_bytes_per_token(self, kv_bytes_per_value: float) -> float:
        """KV-cache bytes one token adds across all layers [B].

        Standard/GQA attention: 2 (K and V) × layers × kv_heads × head_dim × bytes [1].
        Multi-head latent attention caches one latent of ``kv_latent_dim`` per layer [2].
        Sliding-window layers are counted in full here; the throughput model caps them.

        [1] Pope et al., "Efficiently Scaling Transformer Inference", MLSys 2023, §2.
        [2] DeepSeek-AI, "DeepSeek-V2", arXiv:2405.04434, §2.1.
        """
        if self.kv_latent_dim:
            return self.layers * self.kv_latent_dim * kv_bytes_per_value
        return 2.0 * self.layers * self.kv_heads * self.head_dim * kv_bytes_per_value

    @classmethod
    def example(cls) -> "LLM":
        return cls(
            id="llama-3.1-70b",
            name="Llama 3.1 70B",
            architecture="dense",
            total_params_b=70.55,
            active_params_b=70.55,
            layers=80,
            hidden_size=8192,
            attention_heads=64,
            kv_heads=8,
            head_dim=128,
            intermediate_size=28672,
            vocab_size=128256,
            context_length_tokens=128000,
            source="github.com/meta-llama/llama-models models/sku_list.py",
            as_of="2024-07",
        )
