"""Throughput and latency of one model served on one accelerator type (issue #3).

``operating_point`` answers "how many output tokens per second per accelerator, at what
latency, power and memory?" for one request mix; ``throughput_curve`` gives the whole
throughput-vs-interactivity frontier. Both raise ``TcoError`` only for invalid arguments;
a configuration that cannot run comes back as an infeasible point with a one-sentence reason.

The model (docs/performance.md): a roofline of each serving step with calibrated achievable
bandwidth and FLOPs (data/calibration/parameters.csv), memory capacity bounding the batch,
tensor parallelism with all-reduce cost inside the scale-up domain, MoE expert coverage,
continuous batching with chunked prefill, and p99 latency targets.
"""

from functools import lru_cache

from tco.models.errors import TcoError
from tco.models.hardware import Accelerator, Precision
from tco.models.llm import LLM
from tco.models.results import OperatingPoint
from tco.performance.calibration import CURRENT_ROUND, efficiency, globals_, stack_of
from tco.performance.footprint import shape
from tco.performance.parallelism import default_system
from tco.performance.serving import Solution, curve, solve

__all__ = ["operating_point", "throughput_curve"]

MAX_INPUT_TOKENS = 1_000_000  # same limits as Workload.input_tokens / output_tokens
MAX_OUTPUT_TOKENS = 200_000


def _check(
    accelerator: Accelerator,
    precision: Precision,
    input_tokens: int,
    output_tokens: int,
    system_accelerators: int | None,
    ttft_max_ms: float | None,
    tpot_max_ms: float | None,
) -> int:
    """Validate arguments; return the system size. Raises TcoError with one line."""
    try:
        accelerator.require_precision(precision)
    except ValueError as exc:
        raise TcoError(str(exc)) from None
    if not 1 <= input_tokens <= MAX_INPUT_TOKENS:
        raise TcoError(
            f"input tokens must be between 1 and {MAX_INPUT_TOKENS:,}, not {input_tokens}"
        )
    if not 1 <= output_tokens <= MAX_OUTPUT_TOKENS:
        raise TcoError(
            f"output tokens must be between 1 and {MAX_OUTPUT_TOKENS:,}, not {output_tokens}"
        )
    for label, value in (("TTFT", ttft_max_ms), ("TPOT", tpot_max_ms)):
        if value is not None and not value > 0:
            raise TcoError(f"the {label} limit must be a positive number of ms, not {value}")
    system = default_system(accelerator) if system_accelerators is None else system_accelerators
    if system < 1:
        raise TcoError(f"system accelerators must be at least 1, not {system}")
    return system


def _point(
    llm: LLM,
    accelerator: Accelerator,
    precision: Precision,
    input_tokens: int,
    output_tokens: int,
    system: int,
    s: Solution,
) -> OperatingPoint:
    """Wrap a solution into the shared result model.

    Validated, so that a value out of range or not finite fails here, not on a chart.
    """
    feasible = s.reason is None
    out_rate = s.out_rate_per_acc
    return OperatingPoint(
        model_id=llm.id,
        accelerator_id=accelerator.id,
        precision=precision.value,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        system_accelerators=system,
        tensor_parallel=s.tp,
        replicas=s.replicas,
        batch_size=s.batch,
        output_tokens_per_s_per_accelerator=out_rate,
        input_tokens_per_s_per_accelerator=out_rate * input_tokens / output_tokens,
        output_tokens_per_s_per_user=1.0 / s.step_s if feasible else 0.0,
        ttft_ms=s.ttft_s * 1e3,
        tpot_ms=s.step_s * 1e3,
        prefill_time_frac=s.prefill_frac,
        bound=s.bound,
        power_w_per_accelerator=s.power_w,
        joules_per_output_token=s.power_w / out_rate if out_rate > 0 else 0.0,
        weights_gb_per_accelerator=s.weights_bytes / 1e9,
        kv_cache_gb_per_accelerator=s.kv_bytes / 1e9,
        infeasible_reason=s.reason,
    )


@lru_cache(maxsize=4096)
def _cached_point(
    llm: LLM,
    accelerator: Accelerator,
    precision: Precision,
    input_tokens: int,
    output_tokens: int,
    system: int,
    ttft_max_ms: float | None,
    tpot_max_ms: float | None,
    software_round: str,
) -> OperatingPoint:
    eff = efficiency(stack_of(accelerator.vendor), software_round)
    solution = solve(
        shape(llm, precision),
        accelerator,
        precision,
        input_tokens,
        output_tokens,
        system,
        eff,
        globals_(),
        ttft_max_s=None if ttft_max_ms is None else ttft_max_ms / 1e3,
        tpot_max_s=None if tpot_max_ms is None else tpot_max_ms / 1e3,
    )
    return _point(llm, accelerator, precision, input_tokens, output_tokens, system, solution)


def operating_point(
    llm: LLM,
    accelerator: Accelerator,
    precision: Precision,
    input_tokens: int,
    output_tokens: int,
    *,
    system_accelerators: int | None = None,
    ttft_max_ms: float | None = None,
    tpot_max_ms: float | None = None,
    software_round: str = CURRENT_ROUND,
) -> OperatingPoint:
    """Highest-throughput operating point of ``llm`` on ``accelerator`` meeting the limits.

    input_tokens / output_tokens: mean prompt and generated lengths [tokens].
    system_accelerators: machine the model is served on [count]; default: one system.
    ttft_max_ms / tpot_max_ms: p99 limits [ms]; without them, the offline (max) point.
    software_round: MLPerf round whose software efficiency to assume (default: current).
    Raises TcoError for an unsupported precision or impossible lengths; never for physics.
    """
    system = _check(
        accelerator, precision, input_tokens, output_tokens, system_accelerators,
        ttft_max_ms, tpot_max_ms,
    )  # fmt: skip
    return _cached_point(
        llm, accelerator, precision, input_tokens, output_tokens, system,
        ttft_max_ms, tpot_max_ms, software_round,
    )  # fmt: skip


@lru_cache(maxsize=512)
def _cached_curve(
    llm: LLM,
    accelerator: Accelerator,
    precision: Precision,
    input_tokens: int,
    output_tokens: int,
    system: int,
    points: int,
) -> tuple[OperatingPoint, ...]:
    eff = efficiency(stack_of(accelerator.vendor))
    solutions = curve(
        shape(llm, precision), accelerator, precision, input_tokens, output_tokens, system,
        eff, globals_(), points,
    )  # fmt: skip
    return tuple(
        _point(llm, accelerator, precision, input_tokens, output_tokens, system, s)
        for s in solutions
    )


def throughput_curve(
    llm: LLM,
    accelerator: Accelerator,
    precision: Precision,
    input_tokens: int,
    output_tokens: int,
    *,
    system_accelerators: int | None = None,
    points: int = 50,
) -> list[OperatingPoint]:
    """Throughput-vs-interactivity frontier, from most throughput to most interactive.

    At most ``points`` distinct points (fewer when small batches coincide); empty when the
    model cannot run at all (``operating_point`` says why).
    """
    if points < 2:
        raise TcoError(f"a curve needs at least 2 points, not {points}")
    system = _check(
        accelerator, precision, input_tokens, output_tokens, system_accelerators, None, None
    )
    return list(
        _cached_curve(llm, accelerator, precision, input_tokens, output_tokens, system, points)
    )
