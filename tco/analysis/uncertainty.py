"""Uncertainty: a tornado of one input at a time, and Monte Carlo over all of them at once.

Both run the same vectorised timeline as the deterministic result (tco.engine.timeline), with one
sample per input setting, summed over workloads. Ranges and distributions are stated in
`RANGES`; each is symmetric around the scenario's own value where the data allow, so the
Monte Carlo median stays near the deterministic figure. docs/methodology.md §10 gives the
reason for every range.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np

from tco.data.catalogue import Catalogue, builtin_catalogue
from tco.engine import prepare
from tco.engine.plan import Samples
from tco.engine.prepare import Infeasible, Prepared
from tco.engine.timeline import simulate
from tco.models import MonteCarloResult, Scenario, TornadoBar
from tco.models.errors import TcoError
from tco.models.units import TOKENS_PER_MILLION

DEFAULT_SEED = 20260401
DEFAULT_SAMPLES = 1000
"""Monte Carlo draws when none are asked for: the dashboard's first choice and the exports'."""
MAX_SAMPLES = 100_000
MAX_SAMPLE_WORKLOAD_MONTHS = 50_000_000
"""Largest samples × workloads × months one Monte Carlo (or sweep) may compute: 20,000
samples of a 12-workload, 180-month scenario is 43.2 million (6 s of CPU on the
2-core reference machine, docs/reliability.md); beyond it the request is refused in one line."""
CHUNK_WORKLOAD_MONTHS = 1_000_000
"""Samples × workloads × months simulated at once. Memory then stays near 70 MB of working
arrays whatever the request (before chunking 20,000 × 12 × 180 took 3.5 GB), plus the
samples × months costs kept for the percentiles (29 MB at 20,000 × 180)."""


@dataclass(frozen=True)
class Range:
    """How one input may vary: its low and high value given the scenario's value."""

    field: str
    label: str
    unit: str
    """Unit of the input; money units name ``{currency}``, the scenario's."""
    bounds: Callable[[float, Prepared], tuple[float, float]]
    words: str
    integer: bool = False


def _relative(frac: float) -> Callable[[float, Prepared], tuple[float, float]]:
    return lambda base, _: (base * (1 - frac), base * (1 + frac))


def _pue(base: float, prepared: Prepared) -> tuple[float, float]:
    cooling = prepared.resolved.cooling
    return min(base, cooling.pue_min), max(base, cooling.pue_max)


RANGES: tuple[Range, ...] = (
    Range("accelerator_price_usd", "Accelerator price", "{currency}", _relative(0.20),
          "triangular, ±20 % around the price (street vs list spread)"),
    Range("throughput_factor", "Throughput (model uncertainty)", "×", _relative(0.15),
          "triangular, ±15 % around the throughput model's figure"),
    Range("electricity_usd_per_kwh", "Electricity tariff", "{currency}/kWh", _relative(0.30),
          "triangular, ±30 % around the site's tariff"),
    Range("pue", "PUE", "ratio", _pue,
          "triangular between the cooling's best and worst annual PUE, mode at the scenario's"),
    Range("wacc_frac", "Discount rate (WACC)", "fraction/yr",
          lambda b, _: (max(0.0, b - 0.03), b + 0.03),
          "triangular, ±3 percentage points around the WACC"),
    Range("hardware_life_months", "Hardware life", "months",
          lambda b, _: (max(12.0, b - 12), b + 12),
          "uniform over whole months, ±1 year around the depreciation life", integer=True),
    Range("peak_to_average", "Peak-to-average demand (utilisation)", "ratio",
          lambda b, _: (max(1.0, b * 0.75), b * 1.25),
          "triangular, ±25 % around the ratio (not below 1)"),
    Range("demand_growth_frac_per_year", "Demand growth", "fraction/yr", _relative(0.5),
          "triangular, ±50 % of the yearly growth rate"),
    Range("software_efficiency_gain_frac_per_year", "Software efficiency gain", "fraction/yr",
          lambda b, _: (0.0, 2 * b), "triangular from none to twice the yearly gain"),
    Range("cloud_usd_per_hour", "Cloud price", "{currency}/h", _relative(0.30),
          "triangular, ±30 % around the on-demand price (spread of provider prices)"),
    Range("construction_usd_per_w", "Facility construction", "{currency}/W", _relative(0.25),
          "triangular, ±25 % around the site's build cost (spread of US markets)"),
    Range("colocation_usd_per_kw_month", "Colocation rate", "{currency}/kW-month", _relative(0.20),
          "triangular, ±20 % around the rate (range of quoted rates)"),
)  # fmt: skip


def _prepared(scenario: Scenario, catalogue: Catalogue | None) -> Prepared:
    prepared = prepare(scenario, catalogue or builtin_catalogue())
    if isinstance(prepared, Infeasible):
        raise TcoError(f"the scenario is infeasible: {prepared.reason}")
    return prepared


def check_size(scenario: Scenario, samples: int) -> None:
    """Refuse, in one line, a request larger than `MAX_SAMPLE_WORKLOAD_MONTHS`."""
    size = samples * len(scenario.workloads) * scenario.horizon_months
    if size > MAX_SAMPLE_WORKLOAD_MONTHS:
        raise TcoError(
            f"{samples:,} samples × {len(scenario.workloads)} workloads × "
            f"{scenario.horizon_months} months is {size:,}; at most "
            f"{MAX_SAMPLE_WORKLOAD_MONTHS:,} are computed at once (use fewer samples, or a "
            "shorter horizon)"
        )


def _part(samples: Samples, start: int, stop: int) -> Samples:
    return Samples(**{f.name: getattr(samples, f.name)[start:stop] for f in fields(samples)})


def _horizon_cost(prepared: Prepared, samples: Samples) -> tuple[np.ndarray, np.ndarray]:
    """Cost per million tokens per sample over the horizon, and per sample per month.

    Simulated in chunks of at most `CHUNK_WORKLOAD_MONTHS` samples × workloads × months,
    so the working memory does not grow with the number of samples."""
    plan = prepared.plan
    count = len(samples.pue)
    months = prepared.scenario.horizon_months
    step = max(1, CHUNK_WORKLOAD_MONTHS // (len(prepared.scenario.workloads) * months))
    horizon = np.empty(count)
    monthly = np.empty((count, months))
    try:
        for start in range(0, count, step):
            stop = min(count, start + step)
            timeline = simulate(plan, _part(samples, start, stop), per_workload=False)
            cost = timeline.cost_usd[:, 0, :]
            tokens = timeline.tokens[:, 0, :]
            horizon[start:stop] = cost.sum(axis=1) / tokens.sum(axis=1) * TOKENS_PER_MILLION
            monthly[start:stop] = cost / tokens * TOKENS_PER_MILLION
    except MemoryError:
        raise TcoError(
            "this many samples need more memory than this machine has; use fewer"
        ) from None
    return horizon, monthly


_SWEEP_MINIMUM = {
    "pue": 1.0,
    "peak_to_average": 1.0,
    "hardware_life_months": 1.0,
    "throughput_factor": 1e-6,
    "demand_growth_frac_per_year": -0.9,
    "software_efficiency_gain_frac_per_year": -0.9,
}
"""Lowest value a swept input may take (others: 0)."""


def sweep(
    scenario: Scenario, catalogue: Catalogue | None = None, **values: np.ndarray
) -> np.ndarray:
    """Cost per million tokens over the horizon for many variants of one scenario at once.

    ``values`` maps input names of `RANGES` to arrays of equal length (one value per
    variant; months for ``hardware_life_months``); inputs not given keep the scenario's
    value. One vectorised timeline serves them all: this is how a dashboard draws a
    sensitivity curve or grid [USD per 1M tokens].
    """
    known = {r.field for r in RANGES}
    unknown = sorted(set(values) - known)
    if unknown:
        raise TcoError(f"cannot sweep {', '.join(unknown)}; inputs: {', '.join(sorted(known))}")
    arrays = {k: np.asarray(v) for k, v in values.items()}
    sizes = {a.shape for a in arrays.values()}
    if (
        len(sizes) != 1
        or len(next(iter(sizes))) != 1
        or not 1 <= next(iter(sizes))[0] <= MAX_SAMPLES
    ):
        raise TcoError(f"sweep values must be 1-D arrays of one length, 1 to {MAX_SAMPLES:,}")
    for name, array in arrays.items():
        low = _SWEEP_MINIMUM.get(name, 0.0)
        if not (np.isfinite(array).all() and (array >= low).all()):
            raise TcoError(f"sweep values of {name} must be finite and at least {low:g}")
    count = next(iter(sizes))[0]
    check_size(scenario, count)
    prepared = _prepared(scenario, catalogue)
    if "hardware_life_months" in arrays:
        arrays["hardware_life_months"] = np.maximum(1, np.rint(arrays["hardware_life_months"]))
    samples = prepared.samples.repeat(count).with_values(**arrays)
    horizon, _ = _horizon_cost(prepared, samples)
    return horizon


def _base(prepared: Prepared, field: str) -> float:
    return float(getattr(prepared.samples, field)[0])


def tornado(scenario: Scenario, catalogue: Catalogue | None = None) -> list[TornadoBar]:
    """Each input at the low and the high end of its range, the others at the scenario's
    values; bars sorted by swing (largest first), inputs that change nothing left out."""
    prepared = _prepared(scenario, catalogue)
    settings = []
    for r in RANGES:
        low, high = r.bounds(_base(prepared, r.field), prepared)
        if r.integer:
            low, high = round(low), round(high)
        settings.append((r, low, high))
    samples = prepared.samples.repeat(2 * len(settings))
    for i, (r, low, high) in enumerate(settings):
        getattr(samples, r.field)[2 * i : 2 * i + 2] = (low, high)
    horizon, _ = _horizon_cost(prepared, samples)
    bars = [
        TornadoBar(
            input=r.field,
            label=r.label,
            low_value=float(low),
            high_value=float(high),
            unit=r.unit.format(currency=scenario.finance.currency),
            cost_at_low_usd_per_million_tokens=float(horizon[2 * i]),
            cost_at_high_usd_per_million_tokens=float(horizon[2 * i + 1]),
            swing_usd_per_million_tokens=float(abs(horizon[2 * i + 1] - horizon[2 * i])),
        )
        for i, (r, low, high) in enumerate(settings)
    ]
    scale = max(1e-12, float(horizon.max()))
    bars = [b for b in bars if b.swing_usd_per_million_tokens > 1e-9 * scale]
    return sorted(bars, key=lambda b: b.swing_usd_per_million_tokens, reverse=True)


def _draw(rng: np.random.Generator, low: float, mode: float, high: float, n: int) -> np.ndarray:
    if high - low <= 1e-12 * max(1.0, abs(mode)):
        return np.full(n, mode)
    return rng.triangular(low, min(max(mode, low), high), high, n)


def monte_carlo(
    scenario: Scenario,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    catalogue: Catalogue | None = None,
) -> MonteCarloResult:
    """P10/P50/P90 of cost per million tokens per month from ``samples`` independent draws
    of every input in `RANGES` (distributions in words in the result).

    Each draw is symmetric around the scenario's value, which is taken as the median
    estimate: a range that is lopsided (cut at a physical bound such as a ratio of 1 or a
    rate of 0, or a climate-adjusted PUE) is narrowed to its shorter side. The tornado
    shows the full ranges.
    """
    if not 1 <= samples <= MAX_SAMPLES:
        raise TcoError(f"Monte Carlo samples must be between 1 and {MAX_SAMPLES:,}, not {samples}")
    check_size(scenario, samples)
    prepared = _prepared(scenario, catalogue)
    rng = np.random.default_rng(seed)
    drawn = {}
    for r in RANGES:
        base = _base(prepared, r.field)
        low, high = r.bounds(base, prepared)
        half = min(base - low, high - base)  # symmetric: the median stays at the value
        low, high = base - half, base + half
        if r.integer:
            drawn[r.field] = rng.integers(round(low), round(high), endpoint=True, size=samples)
        else:
            drawn[r.field] = _draw(rng, low, base, high, samples)
    varied = prepared.samples.repeat(samples).with_values(**drawn)
    horizon, monthly = _horizon_cost(prepared, varied)
    p10, p50, p90 = np.percentile(monthly, [10, 50, 90], axis=0)
    h10, h50, h90 = np.percentile(horizon, [10, 50, 90])
    return MonteCarloResult(
        samples=samples,
        seed=seed,
        months=list(range(1, scenario.horizon_months + 1)),
        p10_usd_per_million_tokens=p10.tolist(),
        p50_usd_per_million_tokens=p50.tolist(),
        p90_usd_per_million_tokens=p90.tolist(),
        horizon_p10_usd_per_million_tokens=float(h10),
        horizon_p50_usd_per_million_tokens=float(h50),
        horizon_p90_usd_per_million_tokens=float(h90),
        distributions={r.label: f"{r.words}; narrowed to be symmetric at a bound" for r in RANGES},
    )
