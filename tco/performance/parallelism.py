"""Which tensor-parallel group sizes a part and a system allow, and the hardware in base units."""

from functools import lru_cache

from tco.models.hardware import Accelerator, Precision
from tco.models.units import BYTES_PER_GB, BYTES_PER_TB, FLOPS_PER_TFLOPS
from tco.performance.calibration import achievable_matmul_frac
from tco.performance.footprint import kv_bytes_per_value
from tco.performance.replica import Hardware


def default_system(accelerator: Accelerator) -> int:
    """Accelerators in the machine a model is served on by default: one purchasable system."""
    return accelerator.system_accelerators


def group_limit(accelerator: Accelerator, system_accelerators: int) -> int:
    """Most accelerators one model copy may span [count].

    A copy stays inside one scale-up domain (NVLink, xGMI, ICI) and one system. Cards whose
    only link is PCIe (domain 1 with a stated PCIe bandwidth) may span the system over PCIe,
    as MLPerf's 8 × L40S and 8 × H100 PCIe submissions do. Parts with no stated link
    (Jetson, Groq, Cerebras, Inferentia2's unpublished NeuronLink) serve one copy per part.
    """
    if accelerator.scale_up_bandwidth_gb_per_s is None:
        return 1
    if accelerator.scale_up_domain == 1:
        return system_accelerators
    return min(accelerator.scale_up_domain, system_accelerators)


@lru_cache(maxsize=1024)
def tp_candidates(accelerator: Accelerator, system_accelerators: int) -> tuple[int, ...]:
    """Tensor-parallel sizes to try: powers of two up to the group limit."""
    limit = group_limit(accelerator, system_accelerators)
    sizes = []
    size = 1
    while size <= limit:
        sizes.append(size)
        size *= 2
    return tuple(sizes)


@lru_cache(maxsize=1024)
def hardware(accelerator: Accelerator, precision: Precision) -> Hardware:
    """Achievable figures in base units for a weight precision (which must be supported).

    Matmul rates are the dense peak times the part's measured achievable-matmul share
    (``calibration.achievable_matmul_frac``). Attention runs at the FP8 rate when the KV
    cache is 8-bit and the part has FP8, else at the BF16 rate (or, on parts with only an
    integer rate, at that rate).
    """
    eight_bit = kv_bytes_per_value(precision) == 1.0
    ceiling = achievable_matmul_frac(accelerator.id, accelerator.id.split("-")[0], eight_bit)
    gemm_tflops = (accelerator.peak_tflops(precision) or 0.0) * ceiling
    if eight_bit and accelerator.fp8_dense_tflops:
        attn_tflops = accelerator.fp8_dense_tflops * ceiling
    else:
        attn_tflops = (accelerator.bf16_dense_tflops or 0.0) * ceiling or gemm_tflops
    link = accelerator.scale_up_bandwidth_gb_per_s
    return Hardware(
        memory_bytes=accelerator.memory_gb * BYTES_PER_GB,
        bandwidth_bytes_per_s=accelerator.memory_bandwidth_tb_per_s * BYTES_PER_TB,
        gemm_flops_per_s=gemm_tflops * FLOPS_PER_TFLOPS,
        attn_flops_per_s=attn_tflops * FLOPS_PER_TFLOPS,
        link_bytes_per_s=link * BYTES_PER_GB if link else None,
    )
