"""Workloads: what users ask of the model, how much, and how fast."""

from pydantic import Field

from tco.models.base import LongText, ShortText, Slug, Sourced, StrictModel
from tco.models.hardware import Precision


class Workload(StrictModel):
    """One kind of request in the mix, served by one model at one precision."""

    id: Slug
    name: ShortText = Field(min_length=1, max_length=80, description="Display name.")
    model_id: Slug = Field(description="Language model that serves it.")
    precision: Precision = Field(default=Precision.FP8, description="Weight precision.")
    input_tokens: int = Field(
        ge=1, le=1_000_000, description="Mean prompt length, context included [tokens]."
    )
    output_tokens: int = Field(ge=1, le=200_000, description="Mean generated length [tokens].")
    ttft_max_ms: float | None = Field(
        default=None,
        gt=0,
        le=600_000,
        description="Time-to-first-token target (p99) [ms]; empty = none.",
    )
    tpot_max_ms: float | None = Field(
        default=None,
        gt=0,
        le=60_000,
        description="Time-per-output-token target (p99) [ms]; empty = none.",
    )
    share_frac: float = Field(
        default=1.0,
        gt=0,
        le=1,
        description="Share of the scenario's tokens (input + output) [0-1].",
    )
    sovereign: bool = Field(
        default=False,
        description="Must stay on owned hardware (data sovereignty); matters when hybrid.",
    )

    @property
    def tokens_per_request(self) -> int:
        return self.input_tokens + self.output_tokens

    @classmethod
    def example(cls) -> "Workload":
        return cls(
            id="chat",
            name="Chat assistant",
            model_id="llama-3.3-70b",
            precision=Precision.FP8,
            input_tokens=1024,
            output_tokens=1024,
            ttft_max_ms=450,
            tpot_max_ms=40,
        )


class WorkloadPreset(Workload, Sourced):
    """A catalogue workload with its default share in the default mix and its sources."""

    description: LongText = Field(default="", description="What this workload stands for.")

    def as_workload(self, share_frac: float | None = None) -> Workload:
        fields = self.model_dump(include=set(Workload.model_fields))
        if share_frac is not None:
            fields["share_frac"] = share_frac
        return Workload(**fields)

    @classmethod
    def example(cls) -> "WorkloadPreset":
        return cls(
            **Workload.example().model_dump(),
            source="MLPerf Inference v5.0 llama2-70b-interactive latency limits",
            as_of="2025-04",
        )


def check_shares(workloads: list[Workload]) -> list[Workload]:
    """Shares of a mix must sum to 1 (±0.001) and ids must be unique."""
    total = sum(w.share_frac for w in workloads)
    if abs(total - 1.0) > 1e-3:
        raise ValueError(f"workload shares must sum to 100 %, they sum to {total * 100:.1f} %")
    ids = [w.id for w in workloads]
    if len(set(ids)) != len(ids):
        raise ValueError("workload ids must be unique within a scenario")
    return workloads
