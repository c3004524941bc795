"""Throughput and latency of one model served on one accelerator type (docs/performance.md).

A physical roofline of each serving step with calibrated achievable bandwidth and FLOPs
(data/calibration/parameters.csv), memory capacity bounding the batch, tensor parallelism
with all-reduce cost inside the scale-up domain, mixture-of-experts routing, continuous
batching with chunked prefill, and p99 latency targets. Ask with a ``ServingCase``.
"""

from tco.performance.case import ServingCase
from tco.performance.points import operating_point, throughput_curve

__all__ = ["ServingCase", "operating_point", "throughput_curve"]
