"""Choose the operating point: parallelism, batch and the resulting rates, latency and energy.

For each tensor-parallel size the part and system allow, the largest batch that fits in
memory and meets the latency targets is found (``replica.Replica``); the size giving the most
output tokens per second per accelerator wins (the smaller one on a tie). Data-parallel
replicas fill the system; accelerators left over idle and count in the per-accelerator rate.

Latency targets are p99 limits, as in MLPerf and the workload presets; the model predicts
means, so a limit L constrains the mean to L / (p99-over-mean factor) from parameters.csv.
"""

import math
from dataclasses import dataclass

from tco.models.hardware import Precision
from tco.performance import energy
from tco.performance.calibration import Efficiency, Globals
from tco.performance.case import ServingCase
from tco.performance.footprint import shape
from tco.performance.parallelism import hardware, tp_candidates
from tco.performance.reasons import latency_reason, memory_reason, speed_reason
from tco.performance.replica import TTFT_STEPS, Replica, build

SLOWEST_TOKEN_S = 3600.0  # below one token an hour a part cannot serve anyone [s]


@dataclass(slots=True)
class Solution:
    """An operating point in base units (seconds, bytes), before it becomes a pydantic model.

    Read-only by convention (not ``frozen``, for speed, as ``replica.Replica``).
    """

    tp: int
    replicas: int
    batch: int
    step_s: float
    out_rate_per_acc: float  # output tokens per second per accelerator of the system
    ttft_s: float
    prefill_frac: float
    bound: str
    power_w: float
    weights_bytes: float
    kv_bytes: float
    reason: str | None = None


def _infeasible(reason: str) -> Solution:
    return Solution(0, 0, 0, 0.0, 0.0, 0.0, 0.0, "infeasible", 0.0, 0.0, 0.0, reason)


def _evaluate(
    replica: Replica, batch: int, bound: str, case: ServingCase, glob: Globals
) -> Solution:
    """Rates, latency, energy and memory of one replica size at one batch.

    Output tokens per second per accelerator [tokens/s] = copies × batch / step time / system
    size / sequences per request (beams of one request count once).
    """
    accelerator, system = case.accelerator, case.system
    step = replica.step_s(batch)
    memory, flops, _ = replica.shares(batch)
    replicas = system // replica.tp
    out_rate = replicas * batch / step / system / case.sequences_per_request
    decode_only = replica.decode_only_s(batch)
    prompt_share = max(step - decode_only, 0.0)
    busy_w = energy.board_power_w(
        accelerator.tdp_w, flops, memory, glob.idle_power_frac, glob.memory_power_frac
    )
    return Solution(
        tp=replica.tp,
        replicas=replicas,
        batch=batch,
        step_s=step,
        out_rate_per_acc=out_rate,
        ttft_s=TTFT_STEPS * step + replica.t_prefill,
        prefill_frac=prompt_share / step,
        bound=bound,
        power_w=energy.system_mean_power_w(
            accelerator.tdp_w, busy_w, replicas * replica.tp, system, glob.idle_power_frac
        ),
        weights_bytes=replica.weights_bytes,
        kv_bytes=batch * replica.kv_bytes_per_seq,
    )


def _serving(replicas: list[Replica], input_tokens: int) -> list[Replica]:
    """The sizes that handle at least one token an hour, generating and reading the prompt.

    Drops sizes whose times would overflow: a user's part with near-zero FLOPS or
    bandwidth (every size), or near-zero link bandwidth (the sizes that need the link).
    """
    return [
        r
        for r in replicas
        if r.step_s(1.0) <= SLOWEST_TOKEN_S and r.t_prefill <= input_tokens * SLOWEST_TOKEN_S
    ]


def _regime(replica: Replica, batch: int) -> str:
    memory, flops, comm = replica.shares(batch)
    if comm - replica.t_fixed / replica.step_s(batch) > max(memory, flops):
        return "interconnect"
    return "compute" if flops >= memory else "memory-bandwidth"


def replicas_for(case: ServingCase, eff: Efficiency, glob: Globals) -> list[Replica]:
    """One replica per tensor-parallel size the part and system allow (or the case fixes)."""
    sizes = tp_candidates(case.accelerator, case.system)
    if case.tensor_parallel is not None:
        sizes = (case.tensor_parallel,)
    return build(
        shape(case.llm, case.precision),
        hardware(case.accelerator, case.precision),
        eff,
        glob,
        sizes=sizes,
        input_tokens=case.input_tokens,
        output_tokens=case.output_tokens,
        fp4=case.precision is Precision.FP4,
        prompt_compute_frac=case.prompt_compute_frac,
    )


def _too_long(case: ServingCase) -> str | None:
    """Why the requests exceed the model's context, if they do."""
    context = case.llm.context_length_tokens
    if context and case.input_tokens + case.output_tokens > context:
        return (
            f"{case.llm.name} has a {context:,}-token context; {case.input_tokens:,} input + "
            f"{case.output_tokens:,} output tokens exceed it: shorten the prompt or the output"
        )
    return None


def _batch_cap(case: ServingCase, replica: Replica) -> int:
    """Largest batch memory and the engine's scheduler limits allow [count] (at least 1)."""
    cap = replica.capacity_batch()
    if case.max_batch is not None:
        cap = min(cap, case.max_batch)
    if case.max_tokens_per_step is not None:
        cap = min(cap, case.max_tokens_per_step / replica.tokens_per_seq)
    return math.floor(max(cap, 1.0) + 1e-9)


def solve(case: ServingCase, eff: Efficiency, glob: Globals) -> Solution:
    """The best operating point meeting memory and (p99) latency limits, or why none does."""
    too_long = _too_long(case)
    if too_long:
        return _infeasible(too_long)
    accelerator, system = case.accelerator, case.system
    replicas = _serving(replicas_for(case, eff, glob), case.input_tokens)
    if not replicas:
        return _infeasible(speed_reason(case.llm.name, accelerator, case.precision))
    fitting = [r for r in replicas if r.free_bytes >= r.kv_bytes_longest_seq]
    if not fitting:
        return _infeasible(memory_reason(case, replicas[-1]))
    ttft_max_s, tpot_max_s = case.ttft_max_s, case.tpot_max_s
    tpot_cap = math.inf if tpot_max_s is None else tpot_max_s / glob.tpot_p99_over_mean
    ttft_mean = math.inf if ttft_max_s is None else ttft_max_s / glob.ttft_p99_over_mean
    # The memory-limited (offline) rate bounds what a size can reach under latency limits:
    # visit sizes from the highest bound and stop once no remaining size can win.
    ranked = []
    for replica in fitting:
        full = _batch_cap(case, replica)
        full_step = replica.step_s(full)
        ranked.append(((system // replica.tp) * full / full_step, replica, full, full_step))
    ranked.sort(key=lambda item: (-item[0], item[1].tp))
    best: tuple[float, Replica, int, str] | None = None
    for bound_rate, replica, full, full_step in ranked:
        if best is not None and bound_rate < best[0] * (1 - 1e-9):
            break
        # both latency limits cap the step time: TPOT directly, TTFT via 1.5 steps + prompt
        caps = {"tpot": tpot_cap, "ttft": (ttft_mean - replica.t_prefill) / TTFT_STEPS}
        limiting = min(caps, key=caps.__getitem__)
        batch, binding, step = full, "capacity", full_step
        if full_step > caps[limiting]:
            batch, binding = math.floor(replica.batch_for_step(caps[limiting]) + 1e-9), limiting
            if batch < 1:
                continue
            step = replica.step_s(batch)
        rate = (system // replica.tp) * batch / step
        if (
            best is None
            or rate > best[0] * (1 + 1e-9)
            or (rate >= best[0] * (1 - 1e-9) and replica.tp < best[1].tp)
        ):
            best = (rate, replica, batch, binding)
    if best is None:
        return _infeasible(latency_reason(fitting, glob, ttft_max_s, tpot_max_s, accelerator))
    _, replica, batch, binding = best
    bound = binding if binding != "capacity" else _regime(replica, batch)
    if bound == "memory-bandwidth":
        bound = "memory-capacity"
    return _evaluate(replica, batch, bound, case, glob)


def curve(case: ServingCase, eff: Efficiency, glob: Globals, points: int) -> list[Solution]:
    """Throughput-vs-interactivity frontier: the best point for each of ``points`` step times.

    Step-time targets are spaced logarithmically from the fastest single-sequence step to the
    slowest step at the memory-limited batch; each target takes the best tensor-parallel size.
    The case's latency limits are ignored (the curve spans every latency).
    """
    if _too_long(case):
        return []
    fitting = [
        r
        for r in _serving(replicas_for(case, eff, glob), case.input_tokens)
        if r.free_bytes >= r.kv_bytes_longest_seq
    ]
    if not fitting:
        return []
    system = case.system
    caps = {r.tp: _batch_cap(case, r) for r in fitting}
    fastest = min(r.step_s(1.0) for r in fitting)
    slowest = max(r.step_s(caps[r.tp]) for r in fitting)
    out: list[Solution] = []
    seen: set[tuple[int, int]] = set()
    count = max(points, 2)
    ratio = (slowest / fastest) ** (1.0 / (count - 1)) if slowest > fastest else 1.0
    for i in range(count):
        target = fastest * ratio**i * (1 + 1e-9)
        best: tuple[float, Replica, int] | None = None
        for replica in fitting:
            batch = min(math.floor(replica.batch_for_step(target) + 1e-9), caps[replica.tp])
            if batch < 1:
                continue
            rate = (system // replica.tp) * batch / replica.step_s(batch)
            if best is None or rate > best[0] * (1 + 1e-9):
                best = (rate, replica, batch)
        if best is None or (best[1].tp, best[2]) in seen:
            continue
        _, replica, batch = best
        seen.add((replica.tp, batch))
        bound = _regime(replica, batch)
        if batch == caps[replica.tp] and bound == "memory-bandwidth":
            bound = "memory-capacity"
        out.append(_evaluate(replica, batch, bound, case, glob))
    out.sort(key=lambda s: -s.step_s)
    return out
