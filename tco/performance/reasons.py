"""One-sentence reasons why a configuration cannot run, each saying what would fix it."""

import math

from tco.models.hardware import Accelerator, Precision
from tco.models.units import BYTES_PER_GB
from tco.performance.calibration import Globals
from tco.performance.case import ServingCase
from tco.performance.footprint import WEIGHT_BYTES, ModelShape
from tco.performance.replica import TTFT_STEPS, Replica


def gb(value_bytes: float) -> str:
    """Bytes as a short GB figure for messages."""
    value = value_bytes / BYTES_PER_GB
    return f"{value:,.0f} GB" if value >= 10 else f"{value:,.2g} GB"


def _group(accelerator: Accelerator, count: int, held_bytes: float) -> str:
    if count == 1:
        return f"one {accelerator.name} ({gb(held_bytes)})"
    return f"{count} × {accelerator.name} ({gb(held_bytes)})"


def _fixes(shape: ModelShape, accelerator: Accelerator, precision: Precision, usable: float) -> str:
    """Remedies for weights that do not fit: smaller formats, more parts, bigger parts."""
    fixes = []
    smaller = [
        p.value.upper()
        for p in (Precision.FP8, Precision.FP4)
        if accelerator.peak_tflops(p) and WEIGHT_BYTES[p] < WEIGHT_BYTES[precision]
    ]
    if smaller:
        fixes.append(" or ".join(smaller))
    needed = (
        shape.weights_bytes / usable if usable > 0 else math.inf
    )  # no memory left: nothing fits
    if accelerator.scale_up_bandwidth_gb_per_s is not None and math.isfinite(needed):
        reach = accelerator.scale_up_domain if accelerator.scale_up_domain > 1 else math.inf
        group = 2 ** math.ceil(math.log2(math.ceil(needed)))
        if group <= reach:
            fixes.append(f"a system of at least {group} of these")
    fixes.append("a part with more memory")
    return "use " + ", ".join(fixes[:-1]) + (" or " if len(fixes) > 1 else "") + fixes[-1]


def speed_reason(model_name: str, accelerator: Accelerator, precision: Precision) -> str:
    """Why the part cannot serve at all: slower than one token an hour."""
    return (
        f"{accelerator.name}'s {precision.value.upper()} compute or memory bandwidth is too "
        f"small to run {model_name} at even one token an hour; check the part's figures"
    )


def memory_reason(case: ServingCase, largest: Replica) -> str:
    """Why the weights, or one sequence's KV cache, do not fit on the largest group."""
    accelerator, precision = case.accelerator, case.precision
    shape = largest.shape
    input_tokens, output_tokens = case.input_tokens, case.output_tokens
    count = largest.tp
    usable = largest.free_bytes + largest.weights_bytes  # per accelerator after the reserve
    who = _group(accelerator, count, accelerator.memory_gb * BYTES_PER_GB * count)
    if largest.free_bytes < 0:
        link = ""
        if accelerator.scale_up_bandwidth_gb_per_s is None and count == 1:
            link = " (it has no modelled scale-up link, so one copy cannot span parts)"
        return (
            f"{shape.name} at {precision.value.upper()} needs {gb(shape.weights_bytes)} of "
            f"weights; {who} cannot hold it ({gb(usable * count)} after the runtime "
            f"reserve){link}: {_fixes(shape, accelerator, precision, usable)}"
        )
    return (
        f"{shape.name} fits on {who} but one {input_tokens + output_tokens:,}-token sequence "
        f"needs {gb(largest.kv_bytes_longest_seq * count)} of KV cache and only "
        f"{gb(largest.free_bytes * count)} is left: use shorter requests, a lower precision "
        "or more accelerators"
    )


def latency_reason(
    fitting: list[Replica],
    glob: Globals,
    ttft_max_s: float | None,
    tpot_max_s: float | None,
    accelerator: Accelerator,
) -> str:
    """Why no batch meets the latency targets, naming the fastest achievable figure."""
    fastest = min(fitting, key=lambda r: r.step_s(1.0))
    step_ms = fastest.step_s(1.0) * 1e3
    where = f"{fastest.tp} × {accelerator.name}"
    if tpot_max_s is not None and step_ms * glob.tpot_p99_over_mean > tpot_max_s * 1e3:
        return (
            f"no batch meets TPOT ≤ {tpot_max_s * 1e3:,.0f} ms (p99): one sequence alone takes "
            f"{step_ms:,.1f} ms per token on {where} (≈{step_ms * glob.tpot_p99_over_mean:,.1f} "
            "ms at p99); relax the target, use a lower precision or a faster part"
        )
    ttft_ms = (TTFT_STEPS * fastest.step_s(1.0) + fastest.t_prefill) * 1e3
    limit_ms = (ttft_max_s or 0.0) * 1e3
    return (
        f"no batch meets TTFT ≤ {limit_ms:,.0f} ms (p99): the prompt alone takes "
        f"≈{ttft_ms * glob.ttft_p99_over_mean:,.0f} ms at p99 on {where}; relax the target, "
        "shorten the prompt or use a faster part"
    )
