"""One serving question, validated once: which model, on which part, for which requests.

``ServingCase`` is what ``operating_point`` and ``throughput_curve`` take, what the engine
builds from a workload and what the calibration builds from a published result. It is a
frozen dataclass (hashable, so results cache on it) whose construction checks every
argument and raises ``TcoError`` with one line; physics never raises.
"""

from dataclasses import dataclass

from tco.models.errors import TcoError
from tco.models.hardware import Accelerator, Precision
from tco.models.llm import LLM
from tco.models.workload import Workload
from tco.performance.calibration import CURRENT_ROUND

MAX_INPUT_TOKENS = 1_000_000  # same limits as Workload.input_tokens / output_tokens
MAX_OUTPUT_TOKENS = 200_000


@dataclass(frozen=True, slots=True)
class ServingCase:
    """A model served on one accelerator type for one request mix.

    llm, accelerator, precision: what is served, on what, with which weight format.
    input_tokens / output_tokens: mean prompt and generated lengths [tokens].
    system_accelerators: the machine the model is served on [count]; ``None``: the part's
        purchasable system (8 for HGX, 72 for an NVL72 rack).
    ttft_max_ms / tpot_max_ms: p99 latency limits [ms]; ``None``: no limit.
    software_round: MLPerf round whose software efficiency to assume (default: current).
    tensor_parallel: accelerators per model copy [count] when it is fixed (a published
        benchmark states it); ``None``: the model chooses the best size.
    max_batch: most sequences a copy's scheduler admits [count] when the serving engine
        caps it (e.g. trtllm-bench's 4,096); ``None``: memory and latency decide.
    max_tokens_per_step: most tokens one step may carry [tokens] (the engine's
        ``max_num_tokens``); ``None``: no cap.
    prompt_compute_frac: share of prompt tokens that must be computed [0-1]; below 1 when
        prompts share their KV cache (beam search: the beams of one request).
    sequences_per_request: sequences decoded per request [count] (beam width; 1 otherwise);
        rates are per request's tokens, so per sequence divided by this.
    """

    llm: LLM
    accelerator: Accelerator
    precision: Precision
    input_tokens: int
    output_tokens: int
    system_accelerators: int | None = None
    ttft_max_ms: float | None = None
    tpot_max_ms: float | None = None
    software_round: str = CURRENT_ROUND
    tensor_parallel: int | None = None
    max_batch: int | None = None
    max_tokens_per_step: int | None = None
    prompt_compute_frac: float = 1.0
    sequences_per_request: int = 1

    def __post_init__(self) -> None:
        try:
            self.accelerator.require_precision(self.precision)
        except ValueError as exc:
            raise TcoError(str(exc)) from None
        _check_range("input tokens", self.input_tokens, MAX_INPUT_TOKENS)
        _check_range("output tokens", self.output_tokens, MAX_OUTPUT_TOKENS)
        for label, value in (("TTFT", self.ttft_max_ms), ("TPOT", self.tpot_max_ms)):
            if value is not None and not value > 0:
                raise TcoError(f"the {label} limit must be a positive number of ms, not {value}")
        for label, count in (
            ("system accelerators", self.system_accelerators),
            ("tensor-parallel size", self.tensor_parallel),
            ("batch limit", self.max_batch),
            ("tokens per step", self.max_tokens_per_step),
            ("sequences per request", self.sequences_per_request),
        ):
            if count is not None and count < 1:
                raise TcoError(f"{label} must be at least 1, not {count}")
        if not 0.0 < self.prompt_compute_frac <= 1.0:
            share = self.prompt_compute_frac
            raise TcoError(f"the computed share of the prompt must be in (0, 1], not {share}")

    @property
    def system(self) -> int:
        """Accelerators in the machine [count]: the stated size or the part's system."""
        return self.system_accelerators or self.accelerator.system_accelerators

    @property
    def ttft_max_s(self) -> float | None:
        """p99 TTFT limit [s]."""
        return None if self.ttft_max_ms is None else self.ttft_max_ms / 1e3

    @property
    def tpot_max_s(self) -> float | None:
        """p99 TPOT limit [s]."""
        return None if self.tpot_max_ms is None else self.tpot_max_ms / 1e3

    @classmethod
    def for_workload(
        cls,
        workload: Workload,
        llm: LLM,
        accelerator: Accelerator,
        system_accelerators: int | None = None,
    ) -> "ServingCase":
        """The case of one workload of a scenario, served on ``accelerator``."""
        return cls(
            llm=llm,
            accelerator=accelerator,
            precision=workload.precision,
            input_tokens=workload.input_tokens,
            output_tokens=workload.output_tokens,
            system_accelerators=system_accelerators,
            ttft_max_ms=workload.ttft_max_ms,
            tpot_max_ms=workload.tpot_max_ms,
        )


def _check_range(label: str, value: int, most: int) -> None:
    if not 1 <= value <= most:
        raise TcoError(f"{label} must be between 1 and {most:,}, not {value}")
