"""Load: N protocol-level sessions against a real server on this machine (bench/loadgen.py).

For each N in ``TCO_LOAD_SESSIONS`` (default 1,10,20,50) a fresh server starts with an empty
store, one session warms it up, then N sessions run for ``TCO_LOAD_SECONDS`` (default 60):
each opens the Overview, then repeatedly opens the Scenario page, changes an input (tokens
per day, WACC or peak-to-average, a new value each time, so the engine computes) and looks
at the Overview again, pausing a random 0 to 2 × ``TCO_LOAD_THINK_S`` (default 0: every
session clicks again as soon as the page has finished) between actions.

Printed per N: rerun latency p50/p95 (all reruns, then the input change alone), reruns per
second, errors (exceptions shown by a page, disconnects, timeouts), error alerts shown, the
server's peak RSS and mean CPU, and the machine's load before the run. Targets (issue #7):
20 sessions p95 ≤ 1.5 s; 50 sessions × 10 minutes with 0 errors; RSS ≤ 400 MB at 20.
The 10-minute run: ``TCO_LOAD_SESSIONS=50 TCO_LOAD_SECONDS=600 python -m bench load``.
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
MB = 1024 * 1024


async def _sample_rss(pid: int, peak: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        peak[0] = max(peak[0], loadgen.rss_bytes(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 1.0)


async def _level(port: int, pid: int, sessions: int) -> tuple[loadgen.Stats, int, float]:
    peak = [loadgen.rss_bytes(pid)]
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(pid, peak, stop))
    cpu = psutil.Process(pid).cpu_times()
    stats = await loadgen.drive(port, sessions, SECONDS, THINK_S, seed=sessions)
    used = psutil.Process(pid).cpu_times()
    stop.set()
    await sampler
    cores = (used.user + used.system - cpu.user - cpu.system) / stats.seconds
    return stats, peak[0], cores


def _warm_up(port: int) -> None:
    async def once() -> None:
        async with loadgen.Session(port) as session:
            await session.run("")
            await session.run("scenario")
            await session.run(**{"sc.demand.tokens_per_day": 12.5})
            await session.run("")

    asyncio.run(once())


def main() -> None:
    print(
        f"{os.cpu_count()} cores; {SECONDS:.0f} s per level; think time uniform 0-"
        f"{2 * THINK_S:g} s; a fresh server per level (.streamlit/config.toml settings)"
    )
    header = (
        "sessions | p50 s | p95 s | change p50/p95 s | reruns/s | errors | error alerts "
        "| peak RSS MB | server CPU cores | load avg before"
    )
    rows = []
    with TemporaryDirectory() as folder:
        for sessions in LEVELS:
            load_before = os.getloadavg()[0]
            log = Path(folder) / f"server-{sessions}.log"
            with loadgen.server(Path(folder) / f"store-{sessions}.duckdb", log=log) as (port, p):
                started = time.perf_counter()
                _warm_up(port)
                warm = time.perf_counter() - started
                stats, rss, cores = asyncio.run(_level(port, p.pid, sessions))
            change = stats.by_kind.get("change an input", [])
            rows.append(
                f"{sessions:8d} | {stats.percentile(50):5.2f} | {stats.percentile(95):5.2f} | "
                f"{stats.percentile(50, change):.2f} / {stats.percentile(95, change):.2f}"
                f"{'':7s} | {stats.reruns_per_s:8.1f} | {stats.errors:6d} | "
                f"{stats.error_alerts:12d} | {rss / MB:11.0f} | {cores:16.2f} | {load_before:.2f}"
            )
            print(
                f"N={sessions}: warm-up {warm:.1f} s; {len(stats.latencies):,} reruns in "
                f"{stats.seconds:.0f} s; errors: {stats.exceptions[:3] + stats.failures[:3]}",
                flush=True,
            )
    print(header)
    print("\n".join(rows))
