"""Accelerator power at an operating point, between idle and TDP.

Assumption (documented in docs/performance.md, not measured here): board power rises from an
idle floor with the share of the step the part spends on arithmetic, and streaming memory
at full bandwidth alone draws a stated share of TDP:

    P / TDP = idle + (1 - idle) · u_flops + (mem - idle) · max(u_memory - u_flops, 0)

with u_flops and u_memory the shares of the step spent on arithmetic and on memory traffic
(each 0-1, from the roofline). Pure arithmetic gives TDP, pure streaming gives ``mem`` × TDP,
an idle part ``idle`` × TDP. Accelerators of the system left out of every model copy idle.
Parts without a TDP (TPUs, Cerebras) report 0 W: their energy is unknown.
"""


def board_power_w(
    tdp_w: float | None,
    flops_share: float,
    memory_share: float,
    idle_frac: float,
    memory_power_frac: float,
) -> float:
    """Mean board power of a busy accelerator [W]; 0 when the part has no stated TDP."""
    if not tdp_w:
        return 0.0
    u_flops = min(max(flops_share, 0.0), 1.0)
    u_memory = min(max(memory_share, 0.0), 1.0)
    frac = (
        idle_frac
        + (1.0 - idle_frac) * u_flops
        + max(memory_power_frac - idle_frac, 0.0) * max(u_memory - u_flops, 0.0)
    )
    return tdp_w * min(frac, 1.0)


def system_mean_power_w(
    tdp_w: float | None, busy_power_w: float, busy: int, system: int, idle_frac: float
) -> float:
    """Mean power per accelerator of a system where ``busy`` of ``system`` parts work [W]."""
    if not tdp_w:
        return 0.0
    idle_power = tdp_w * idle_frac
    return (busy * busy_power_w + (system - busy) * idle_power) / system
