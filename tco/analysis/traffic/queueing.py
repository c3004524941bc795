"""Waiting for a seat in the batch: an M/G/c approximation and the simulation it is tested on.

A serving replica runs up to ``batch`` requests at once (continuous batching); each seat of
the batch is one server of a queue. A request holds its seat for its service time

    S = TTFT at the operating point + generated tokens × time per output token    [s]

and a request that finds every seat taken waits, which adds to its time to first token.

The approximation (`p99_wait_s`): Erlang C gives the probability of waiting in M/M/c [1];
the Allen–Cunneen correction scales the mean wait by (ca² + cs²) / 2 for general arrivals
and service (squared coefficients of variation of inter-arrival and service times) [2]; the
wait is taken as exponential beyond that probability with that mean, so

    P(W > t) ≈ C(c, a) · exp(−t · (c/E[S] − λ) · 2 / (ca² + cs²)),    a = λ · E[S] < c,

and the p99 wait is where this falls to 1 % (0 when C(c, a) ≤ 1 %). `slots_for_p99` is the
fewest seats whose p99 wait is within an allowance. The discrete-event simulation
(`simulated_waits`) serves the same requests first come, first served on c seats; the tests
check the two against each other (tests/analysis/test_traffic.py states the tolerance).

[1] A. K. Erlang (1917); the stable form via Erlang B: L. Kleinrock, Queueing Systems
    vol. 1 (1975), §3.5. [2] O. Allen, Probability, Statistics and Queueing Theory (1990),
    §6.4 (the Allen–Cunneen approximation for GI/G/c); W. Whitt, "Approximations for the
    GI/G/m queue", Production and Operations Management 2(2), 1993.
"""

import heapq
import math

import numpy as np

TAIL_FRAC = 0.01
"""The share of requests allowed to wait longer than the allowance (p99)."""
_WINDOW_SIGMAS = 40.0


def erlang_c(servers: int, offered: float) -> float:
    """Probability that a request waits in M/M/c [0-1].

    servers: c seats [count]; offered: a = λ · E[S] [Erlang], 0 < a < c. Computed from the
    Poisson distribution in log space (Erlang B = P(N = c) / P(N ≤ c) for N ~ Poisson(a),
    then C = B / (1 − (a/c)(1 − B))), summing only the terms within 40 σ of a, so it is
    exact to double precision and fast for a of millions.
    """
    if not 0 < offered < servers:
        return 1.0
    low = max(0, math.floor(offered - _WINDOW_SIGMAS * math.sqrt(offered) - 10))
    k = np.arange(low, servers + 1, dtype=float)
    first = low * math.log(offered) - offered - math.lgamma(low + 1)
    steps = np.log(offered) - np.log(np.maximum(k[1:], 1.0))
    log_pmf = first + np.concatenate([[0.0], np.cumsum(steps)])
    top = float(log_pmf.max())
    blocking = math.exp(float(log_pmf[-1]) - top) / float(np.exp(log_pmf - top).sum())
    rho = offered / servers
    return blocking / (1.0 - rho * (1.0 - blocking))


def p99_wait_s(
    servers: int, arrivals_per_s: float, mean_service_s: float, ca2: float, cs2: float
) -> float:
    """The wait for a seat that 99 % of requests do not exceed [s] (module docstring).

    arrivals_per_s: λ [1/s]; mean_service_s: E[S] [s]; ca2, cs2: squared coefficients of
    variation of inter-arrival and service times [ratio]. inf when the seats cannot keep up.
    """
    offered = arrivals_per_s * mean_service_s
    if offered >= servers:
        return math.inf
    waiting = erlang_c(servers, offered)
    if waiting <= TAIL_FRAC:
        return 0.0
    drain_per_s = (servers / mean_service_s - arrivals_per_s) * 2.0 / max(ca2 + cs2, 1e-9)
    return math.log(waiting / TAIL_FRAC) / drain_per_s


def slots_for_p99(
    arrivals_per_s: float, mean_service_s: float, ca2: float, cs2: float, allowance_s: float
) -> int:
    """The fewest seats whose p99 wait is at most ``allowance_s`` [count]."""
    offered = arrivals_per_s * mean_service_s
    low = math.floor(offered)  # too few: it cannot keep up
    high = max(low + 1, 1)
    while p99_wait_s(high, arrivals_per_s, mean_service_s, ca2, cs2) > allowance_s:
        high = low + 2 * (high - low)
    while high - low > 1:
        middle = (low + high) // 2
        if p99_wait_s(middle, arrivals_per_s, mean_service_s, ca2, cs2) > allowance_s:
            low = middle
        else:
            high = middle
    return high


def simulated_waits(arrival_s: np.ndarray, service_s: np.ndarray, servers: int) -> np.ndarray:
    """Each request's wait for a seat when ``servers`` seats serve them first come, first
    served [s] (a discrete-event simulation: the next free seat is the earliest to free)."""
    free = [0.0] * servers
    waits = np.empty(arrival_s.size)
    for i, (arrival, service) in enumerate(
        zip(arrival_s.tolist(), service_s.tolist(), strict=True)
    ):
        start = max(arrival, free[0])
        heapq.heapreplace(free, start + service)
        waits[i] = start - arrival
    return waits


def squared_cv(values: np.ndarray) -> float:
    """Variance over the squared mean [ratio] (1 for exponential times)."""
    mean = float(values.mean())
    return float(values.var()) / (mean * mean) if mean > 0 else 0.0
