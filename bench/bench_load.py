"""Load: N protocol-level sessions against real servers on this machine (bench/loadgen.py).

For each N in ``TCO_LOAD_SESSIONS`` (default 1,10,20,50) fresh servers start with empty
stores (``TCO_LOAD_REPLICAS``, default 1; sessions are spread over them in turn, as a load
balancer would), one session warms each up, then N sessions run for ``TCO_LOAD_SECONDS``
(default 60): each opens the Overview, then repeatedly opens the Scenario page, changes an
input (tokens per day, WACC or peak-to-average, a new value each time, so the engine
computes) and looks at the Overview again, pausing a random 0 to 2 × ``TCO_LOAD_THINK_S``
(default 0: every session clicks again as soon as the page has finished) between actions.

With ``TCO_LOAD_MONTE_CARLO=20000`` each session first opens a 12-workload, 180-month link of
its own (attack 2 of issue 13) on the Uncertainty page and runs that many Monte Carlo draws
once, then goes on as above (target, issue 13: 50 sessions, server RSS ≤ 1 GB, 0 errors):
``TCO_LOAD_SESSIONS=50 TCO_LOAD_MONTE_CARLO=20000 python -m bench load``.

Printed per N: rerun latency p50/p95 (all reruns, then the input change alone), reruns per
second, errors (exceptions shown by a page, disconnects, timeouts), error alerts shown, the
servers' peak RSS (summed) and mean CPU, this client's CPU, and the machine's load before
the run. Targets (issue #7): 20 sessions p95 ≤ 1.5 s; 50 sessions × 10 minutes with
0 errors; RSS ≤ 400 MB at 20 sessions. The 10-minute run:
``TCO_LOAD_SESSIONS=50 TCO_LOAD_SECONDS=600 python -m bench load``.
"""

import asyncio
import contextlib
import os
import time
from pathlib import Path
from tempfile import TemporaryDirectory

import psutil

from bench import loadgen

LEVELS = [int(n) for n in os.environ.get("TCO_LOAD_SESSIONS", "1,10,20,50").split(",")]
SECONDS = float(os.environ.get("TCO_LOAD_SECONDS", "60"))
THINK_S = float(os.environ.get("TCO_LOAD_THINK_S", "0"))
REPLICAS = int(os.environ.get("TCO_LOAD_REPLICAS", "1"))
MONTE_CARLO = int(os.environ.get("TCO_LOAD_MONTE_CARLO", "0"))
MB = 1024 * 1024


def _cpu_s(pids: list[int]) -> float:
    times = [psutil.Process(pid).cpu_times() for pid in pids]
    return sum(t.user + t.system for t in times)


async def _sample_rss(pids: list[int], peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], sum(loadgen.rss_bytes(pid) for pid in pids))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


async def _level(ports: list[int], pids: list[int], sessions: int) -> tuple:
    peak = [0]
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(pids, peak, stop))
    server_cpu, client_cpu = _cpu_s(pids), time.process_time()
    stats = await loadgen.drive(
        ports, sessions, SECONDS, THINK_S, seed=sessions, samples=MONTE_CARLO
    )
    server_cpu, client_cpu = _cpu_s(pids) - server_cpu, time.process_time() - client_cpu
    stop.set()
    await sampler
    return stats, peak[0], server_cpu / stats.seconds, client_cpu / stats.seconds


def _warm_up(port: int) -> None:
    async def once() -> None:
        async with loadgen.Session(port) as session:
            await session.run("")
            await session.run("scenario")
            await session.run(**{"sc.demand.tokens_per_day": 12.5})
            await session.run("")

    asyncio.run(once())


def _run_level(folder: Path, sessions: int) -> str:
    load_before = os.getloadavg()[0]
    with contextlib.ExitStack() as stack:
        servers = [
            stack.enter_context(
                loadgen.server(folder / f"store-{sessions}-{r}.duckdb",
                               log=folder / f"server-{sessions}-{r}.log")
            )
            for r in range(REPLICAS)
        ]  # fmt: skip
        ports, pids = [s[0] for s in servers], [s[1].pid for s in servers]
        started = time.perf_counter()
        for port in ports:
            _warm_up(port)
        warm = time.perf_counter() - started
        stats, rss, server_cores, client_cores = asyncio.run(_level(ports, pids, sessions))
    change = stats.by_kind.get("change an input", [])
    if stats.monte_carlo:
        print(
            f"N={sessions}: {len(stats.monte_carlo)} Monte Carlo runs of {MONTE_CARLO:,} draws: "
            f"p50 {stats.percentile(50, stats.monte_carlo):.1f} s, p95 "
            f"{stats.percentile(95, stats.monte_carlo):.1f} s, max {max(stats.monte_carlo):.1f} s",
            flush=True,
        )
    print(
        f"N={sessions}: warm-up {warm:.1f} s; {len(stats.latencies):,} reruns in "
        f"{stats.seconds:.0f} s; errors: {stats.exceptions[:3] + stats.failures[:3]}",
        flush=True,
    )
    return (
        f"{sessions:8d} | {stats.percentile(50):5.2f} | {stats.percentile(95):5.2f} | "
        f"{stats.percentile(50, change):5.2f} / {stats.percentile(95, change):5.2f} | "
        f"{stats.reruns_per_s:8.1f} | {stats.errors:6d} | {stats.error_alerts:6d} | "
        f"{rss / MB:7.0f} | {server_cores:6.2f} | {client_cores:6.2f} | {load_before:5.2f}"
    )


def main() -> None:
    print(
        f"{os.cpu_count()} cores; {REPLICAS} replica(s); {SECONDS:.0f} s per level; "
        f"Monte Carlo first: {MONTE_CARLO or 'no'}; think "
        f"time uniform 0-{2 * THINK_S:g} s; fresh servers per level (.streamlit/config.toml)"
    )
    with TemporaryDirectory() as folder:
        rows = [_run_level(Path(folder), sessions) for sessions in LEVELS]
    print(
        "sessions | p50 s | p95 s | change p50 / p95 s | reruns/s | errors | alerts "
        "| RSS MB | server cores | client cores | load before"
    )
    print("\n".join(rows))
