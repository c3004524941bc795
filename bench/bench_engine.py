"""TCO engine speed against the targets of issue #4 (printed, never asserted).

Targets: one full scenario (5 workloads, 60 months) ≤ 2 ms median; 1,000 different
scenarios ≤ 1 s; Monte Carlo 10,000 samples × 60 months ≤ 0.5 s. Operating points are
cached by the throughput model, so every timing is warm after one run (the first run of
a new model × accelerator pair is reported separately).
"""

import os
import statistics
import time

import numpy as np

from tco.analysis.uncertainty import monte_carlo, sweep, tornado
from tco.data.catalogue import builtin_catalogue
from tco.data.presets import example_scenario
from tco.engine import run
from tco.models import Demand, Finance, Overrides

FIVE_WORKLOADS = ["chat", "rag", "code", "batch", "reasoning"]
PRESETS = ("hyperscale-owned", "enterprise-on-prem", "colocation", "cloud-reserved-3y", "hybrid")
ACCELERATORS = ("nvidia-h100-sxm", "nvidia-h200-sxm", "nvidia-b200")


def _median_ms(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e3


def _scenarios(catalogue, count: int):
    """``count`` different scenarios: presets × parts × tariffs × demand × WACC."""
    bases = [
        example_scenario(p, a, FIVE_WORKLOADS, catalogue) for p in PRESETS for a in ACCELERATORS
    ]
    scenarios = []
    for i in range(count):
        base = bases[i % len(bases)]
        scenarios.append(
            base.model_copy(
                update={
                    "overrides": Overrides(electricity_usd_per_kwh=0.04 + 0.0003 * i),
                    "demand": Demand(tokens_per_day=1e9 * (1 + i % 50)),
                    "finance": Finance(wacc_frac=0.04 + 0.01 * (i % 9)),
                }
            )
        )
    return bases, scenarios


def main() -> None:
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores (other work slows every figure)")
    catalogue = builtin_catalogue()
    scenario = example_scenario("enterprise-on-prem", "nvidia-h100-sxm", FIVE_WORKLOADS, catalogue)
    started = time.perf_counter()
    run(scenario, catalogue)
    cold_ms = (time.perf_counter() - started) * 1e3
    print(f"first run (cold operating points, 5 workloads): {cold_ms:.1f} ms")

    ms = _median_ms(lambda: run(scenario, catalogue), 500)
    print(f"one scenario, 5 workloads × 60 months, median of 500: {ms:.2f} ms  (target ≤ 2 ms)")

    bases, scenarios = _scenarios(catalogue, 1000)
    for base in bases:  # warm the operating points of every preset × part
        run(base, catalogue)
    each = []
    feasible = 0
    started = time.perf_counter()
    for s in scenarios:
        one = time.perf_counter()
        feasible += run(s, catalogue).feasible
        each.append(time.perf_counter() - one)
    seconds = time.perf_counter() - started
    print(
        f"1,000 different scenarios (5 workloads, 60 months; {feasible} feasible): "
        f"{seconds:.2f} s  (target ≤ 1 s); median {statistics.median(each) * 1e3:.2f} ms each"
    )

    grid = {
        "electricity_usd_per_kwh": np.linspace(0.03, 0.30, 1000),
        "accelerator_price_usd": np.linspace(15_000, 45_000, 1000),
        "peak_to_average": np.linspace(1.0, 3.0, 1000),
    }
    ms = _median_ms(lambda: sweep(scenario, catalogue, **grid), 20)
    print(f"1,000 variants of one scenario in one vectorised sweep, median of 20: {ms:.1f} ms")

    monte_carlo(scenario, 100, catalogue=catalogue)
    ms = _median_ms(lambda: monte_carlo(scenario, 10_000, catalogue=catalogue), 5)
    print(f"Monte Carlo 10,000 samples × 60 months, median of 5: {ms:.0f} ms  (target ≤ 500 ms)")
    hybrid = example_scenario("hybrid", "nvidia-h100-sxm", FIVE_WORKLOADS, catalogue)
    ms = _median_ms(lambda: monte_carlo(hybrid, 10_000, catalogue=catalogue), 5)
    print(f"Monte Carlo 10,000 × 60, hybrid (bursts per workload), median of 5: {ms:.0f} ms")

    ms = _median_ms(lambda: tornado(scenario, catalogue), 50)
    print(f"tornado (12 inputs × 2 ends), median of 50: {ms:.1f} ms")
