"""Fleet sizing: demand at peak, accelerators needed, bursts above an owned base, and the
owned fleet month by month (purchases when capacity runs short, retirement and refresh)."""

from dataclasses import dataclass

import numpy as np

from tco.models.units import SECONDS_PER_DAY

_EPS = 1e-9


def peak_capacity_accelerators(
    tokens_per_day: np.ndarray,
    peak_to_average: np.ndarray | float,
    headroom_frac: float,
    tokens_per_s_per_accelerator: np.ndarray,
) -> np.ndarray:
    """Accelerators needed at the peak hour, with headroom, before rounding [count].

    = tokens per day [tokens/day] × peak-to-average [ratio] × (1 + headroom) [ratio]
      / 86,400 [s/day] / tokens per second one accelerator serves at its operating point
      [tokens/s]

    The operating point serves a request's input and output together at the workload's
    lengths, so its token rate is (input + output) tokens per request × requests per second.
    """
    peak_tokens_per_s = tokens_per_day * peak_to_average * (1.0 + headroom_frac) / SECONDS_PER_DAY
    return peak_tokens_per_s / tokens_per_s_per_accelerator


def round_up(count: np.ndarray) -> np.ndarray:
    """Whole units for a positive need [count]: ceil, forgiving floating-point noise.

    A need of 16.000000000001 is 16, but any real need above zero, however small, is 1.
    """
    return np.ceil(count * (1.0 - _EPS))


def whole_systems(accelerators: np.ndarray, system_accelerators: np.ndarray | int) -> np.ndarray:
    """Round up to whole serving systems [count of accelerators]: k · ceil(n / k)."""
    k = np.asarray(system_accelerators, dtype=float)
    return k * round_up(accelerators / k)


def burst_fraction(
    peak: np.ndarray, peak_to_average: np.ndarray | float, base: np.ndarray
) -> np.ndarray:
    """Mean capacity above an owned base over a day, as a share of the peak-hour rate [0-1 of
    peak × time].

    The day's demand is described by a linear load-duration curve (hours sorted from the
    busiest down) with the given peak and a mean of peak / peak_to_average [11]:
    - peak_to_average ≤ 2: a straight line from the peak down to 2·mean − peak;
    - peak_to_average > 2: a straight line from the peak to zero over a share 2/ratio of the
      day, then zero.
    The area above ``base`` is a triangle, (peak − base)² / (2 · slope), or (mean − base)
    when the base lies below the curve's lowest point. Returns that area in the units of
    ``peak`` (capacity × share of time).
    """
    ratio = np.asarray(peak_to_average, dtype=float)
    mean = peak / ratio
    short_day = ratio > 2.0
    floor = np.where(short_day, 0.0, peak * (2.0 / ratio - 1.0))
    span = np.where(short_day, 2.0 / ratio, 1.0)
    slope = (peak - floor) / span
    safe_slope = np.where(slope > 0, slope, 1.0)
    excess = np.maximum(peak - base, 0.0)
    triangle = excess * excess / (2.0 * safe_slope)
    area = np.where(base >= floor, triangle, mean - base)
    return np.where(base >= peak, 0.0, np.maximum(area, 0.0))


@dataclass(frozen=True)
class OwnedFleet:
    """The owned fleet per sample × workload × month [count of accelerators]."""

    in_service: np.ndarray
    purchased: np.ndarray
    retired: np.ndarray


def owned_fleet(
    required: np.ndarray, life_months: np.ndarray, refresh_at_end_of_life: bool
) -> OwnedFleet:
    """Accelerators owned each month, bought when capacity runs short [count].

    required: whole-system accelerators needed, shape (samples, workloads, months).
    life_months: hardware life per sample [months].

    Month by month: survivors = last month's fleet − purchases reaching the end of their
    life (when refreshing); fleet = max(survivors, required); purchases = fleet − survivors.
    Owned hardware is never sold early: when demand falls the fleet stays and idles. With
    refresh off, hardware runs on past its depreciation life (no further capital charge).
    """
    samples, workloads, months = required.shape
    life = np.asarray(life_months, dtype=np.int64).reshape(samples)
    # Until the first purchase reaches the end of its life the fleet is the running maximum
    # of what is required; only later months need the month-by-month loop.
    first_retirement = int(life.min()) if refresh_at_end_of_life else months
    start = min(months, max(first_retirement, 0))
    in_service = np.empty_like(required)
    in_service[:, :, :start] = np.maximum.accumulate(required[:, :, :start], axis=-1)
    purchased = np.diff(in_service[:, :, :start], axis=-1, prepend=0.0)
    purchased = np.concatenate([purchased, np.zeros((samples, workloads, months - start))], axis=-1)
    retired = np.zeros_like(required)
    fleet = in_service[:, :, start - 1] if start > 0 else np.zeros((samples, workloads))
    rows = np.arange(samples)
    for t in range(start, months):
        source = t - life
        due = source >= 0
        leaving = purchased[rows, :, np.maximum(source, 0)] * due[:, None]
        retired[:, :, t] = leaving
        fleet = fleet - leaving
        target = np.maximum(fleet, required[:, :, t])
        purchased[:, :, t] = target - fleet
        in_service[:, :, t] = target
        fleet = target
    return OwnedFleet(in_service=in_service, purchased=purchased, retired=retired)
