"""The throughput model's answers as the shared result model, cached per serving case.

``operating_point`` answers "how many output tokens per second per accelerator, at what
latency, power and memory?" for one ``ServingCase``; ``throughput_curve`` gives the whole
throughput-vs-interactivity frontier. Both raise ``TcoError`` only for invalid arguments
(checked when the case is built); a configuration that cannot run comes back as an
infeasible point with a one-sentence reason (docs/performance.md).
"""

from functools import lru_cache

from tco.models.errors import TcoError
from tco.models.results import OperatingPoint
from tco.performance.calibration import efficiency, globals_, stack_of
from tco.performance.case import ServingCase
from tco.performance.serving import Solution, curve, solve


def to_point(case: ServingCase, s: Solution) -> OperatingPoint:
    """Wrap a solution into the shared result model.

    Validated, so that a value out of range or not finite fails here, not on a chart.
    Input tokens per second per accelerator [tokens/s] = output rate × input / output.
    """
    feasible = s.reason is None
    out_rate = s.out_rate_per_acc
    return OperatingPoint(
        model_id=case.llm.id,
        accelerator_id=case.accelerator.id,
        precision=case.precision.value,
        input_tokens=case.input_tokens,
        output_tokens=case.output_tokens,
        system_accelerators=case.system,
        tensor_parallel=s.tp,
        replicas=s.replicas,
        batch_size=s.batch,
        output_tokens_per_s_per_accelerator=out_rate,
        input_tokens_per_s_per_accelerator=out_rate * case.input_tokens / case.output_tokens,
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
def operating_point(case: ServingCase) -> OperatingPoint:
    """Highest-throughput operating point of a serving case that meets its limits.

    Without latency limits: the offline (memory- or scheduler-limited) point. Rates are per
    accelerator of the system [tokens/s], latencies means [ms] (limits are p99).
    """
    eff = efficiency(stack_of(case.accelerator.vendor), case.software_round)
    return to_point(case, solve(case, eff, globals_()))


@lru_cache(maxsize=512)
def _cached_curve(case: ServingCase, points: int) -> tuple[OperatingPoint, ...]:
    eff = efficiency(stack_of(case.accelerator.vendor), case.software_round)
    return tuple(to_point(case, s) for s in curve(case, eff, globals_(), points))


def throughput_curve(case: ServingCase, points: int = 50) -> list[OperatingPoint]:
    """Throughput-vs-interactivity frontier, from most throughput to most interactive.

    At most ``points`` distinct points [count] (fewer when small batches coincide); empty
    when the model cannot run at all (``operating_point`` says why). The case's latency
    limits are ignored: the curve spans every latency.
    """
    if points < 2:
        raise TcoError(f"a curve needs at least 2 points, not {points}")
    return list(_cached_curve(case, points))
