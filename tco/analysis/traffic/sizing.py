"""A fleet sized from a request log so the p99 time-to-first-token target holds under queueing.

Instead of a fixed peak-to-average and headroom, the log gives both:

1. The workload takes the log's mean prompt and generated lengths; the engine finds its
   operating point on the scenario's part (batch, replicas, time per token, TTFT).
2. Each seat of a batch is a server; a request holds one for its service time (TTFT plus
   its generated tokens × time per token, the log's own lengths), so the log gives E[S] and
   cs²; its arrivals give ca² and, in the busiest bin of the load curve, the peak rate λ.
3. The seats needed, c, are the fewest whose p99 wait (M/G/c with the Allen–Cunneen
   correction, tco.analysis.traffic.queueing) fits in what the TTFT target leaves after the
   operating point's own TTFT. Accelerators = c / seats per accelerator.
4. The scenario then takes the log's mean demand, its measured peak-to-average, and the
   headroom that makes the engine's sizing (peak × (1 + headroom) / rate) equal that
   fleet: the engine rounds it to whole systems and prices it as any other.

``scale`` multiplies the log's traffic (more users, same pattern). A simulation replaying
the log on those seats (`replayed_p99_wait_ms`) checks the answer on the log itself.
"""

from dataclasses import dataclass

import numpy as np

from tco.analysis.traffic.profile import Profile, profile
from tco.analysis.traffic.queueing import (
    TAIL_FRAC,
    p99_wait_s,
    simulated_waits,
    slots_for_p99,
    squared_cv,
)
from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.engine import prepare
from tco.engine.prepare import Infeasible
from tco.io.traces import Trace
from tco.models import Scenario
from tco.models.errors import TcoError
from tco.models.units import MS_PER_S, SECONDS_PER_DAY

MAX_SCALE = 1e6


@dataclass(frozen=True)
class Sizing:
    """The queueing answer for one log on one part, and the scenario that carries it."""

    profile: Profile
    scale: float
    scenario: Scenario
    """The scenario with the log's workload lengths, demand, peak-to-average and headroom."""
    ttft_ms: float
    """The operating point's own time to first token (mean) [ms]."""
    tpot_ms: float
    """The operating point's time per output token [ms]."""
    seats_per_accelerator: float
    """Batch seats one accelerator holds: replicas × batch / accelerators per system."""
    mean_service_s: float
    service_cv2: float
    peak_requests_per_s: float
    allowance_ms: float
    """What the TTFT target leaves for waiting after the operating point's own TTFT [ms]."""
    seats: int
    accelerators: float
    """Accelerators the seats need, before whole systems [count]."""
    p99_wait_ms: float
    """The approximation's p99 wait on those seats at the peak rate [ms]."""
    headroom_frac: float
    fixed_rule_accelerators: float
    """What the scenario's own peak-to-average and headroom would have asked for [count]."""


def _service_s(trace: Trace, ttft_ms: float, tpot_ms: float) -> np.ndarray:
    return (ttft_ms + trace.output_tokens * tpot_ms) / MS_PER_S


def size_from_trace(
    scenario: Scenario,
    trace: Trace,
    *,
    workload_index: int = 0,
    scale: float = 1.0,
    catalogue: Catalogue | None = None,
) -> Sizing:
    """Size the scenario's part for the log's traffic (module docstring).

    The log stands for one service: the scenario's mix becomes its workload
    ``workload_index`` alone, with the log's lengths. Raises TcoError in one line when the
    workload has no TTFT target, the scale is out of range or the part cannot serve it.
    """
    catalogue = catalogue or builtin_catalogue()
    if not 0 < scale <= MAX_SCALE:
        raise TcoError(f"the traffic scale must be above 0 and at most {MAX_SCALE:,.0f}")
    if not 0 <= workload_index < len(scenario.workloads):
        raise TcoError(f"the scenario has no workload {workload_index + 1}")
    found = profile(trace)
    chosen = scenario.workloads[workload_index]
    if chosen.ttft_max_ms is None:
        raise TcoError(
            f"{chosen.name} has no time-to-first-token target; queueing sizing holds one"
        )
    workload = chosen.model_copy(
        update={
            "input_tokens": max(1, round(found.mean_input_tokens)),
            "output_tokens": max(1, round(found.mean_output_tokens)),
            "share_frac": 1.0,
        }
    )
    demand = scenario.demand.model_copy(
        update={
            "tokens_per_day": found.tokens_per_day * scale,
            "peak_to_average": max(1.0, found.peak_to_average),
        }
    )
    single = scenario.model_copy(update={"workloads": [workload], "demand": demand})
    prepared = prepare(single, catalogue)
    if isinstance(prepared, Infeasible):
        raise TcoError(f"the log's traffic cannot be served as set up: {prepared.reason}")
    point = prepared.points[0]
    seats_per_accelerator = point.replicas * point.batch_size / point.system_accelerators
    service = _service_s(trace, point.ttft_ms, point.tpot_ms)
    mean_s, cs2 = float(service.mean()), squared_cv(service)
    peak = found.peak_requests_per_s * scale
    allowance_ms = chosen.ttft_max_ms - point.ttft_ms
    seats = slots_for_p99(peak, mean_s, found.arrival_cv2, cs2, allowance_ms / MS_PER_S)
    accelerators = seats / seats_per_accelerator
    peak_tokens_per_s = demand.tokens_per_day * demand.peak_to_average / SECONDS_PER_DAY
    at_peak = peak_tokens_per_s / float(prepared.plan.tokens_per_s_per_accelerator[0])
    headroom = max(0.0, accelerators / at_peak - 1.0)
    sized = single.model_copy(
        update={
            "demand": demand.model_copy(update={"headroom_frac": headroom}),
            "name": f"{scenario.name}: sized from {trace.name}"[:120],
        }
    )
    fixed = scenario.demand
    return Sizing(
        profile=found,
        scale=scale,
        scenario=Scenario.model_validate(sized.model_dump()),
        ttft_ms=point.ttft_ms,
        tpot_ms=point.tpot_ms,
        seats_per_accelerator=seats_per_accelerator,
        mean_service_s=mean_s,
        service_cv2=cs2,
        peak_requests_per_s=peak,
        allowance_ms=allowance_ms,
        seats=seats,
        accelerators=accelerators,
        p99_wait_ms=MS_PER_S * p99_wait_s(seats, peak, mean_s, found.arrival_cv2, cs2),
        headroom_frac=headroom,
        fixed_rule_accelerators=at_peak
        / demand.peak_to_average
        * fixed.peak_to_average
        * (1 + fixed.headroom_frac),
    )


def replayed_p99_wait_ms(trace: Trace, sizing: Sizing) -> float:
    """The p99 wait when the log itself (its arrivals compressed by the scale) is served on
    the sized seats, first come, first served [ms] (a discrete-event simulation)."""
    service = _service_s(trace, sizing.ttft_ms, sizing.tpot_ms)
    waits = simulated_waits(trace.arrival_s / sizing.scale, service, sizing.seats)
    return float(np.quantile(waits, 1 - TAIL_FRAC)) * MS_PER_S
