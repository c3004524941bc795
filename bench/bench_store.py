"""The local store under abuse, with figures: SIGKILL mid-write, threads and processes.

Kills a writer process (tests/hardening/store_writer.py) at random moments ``TCO_KILLS``
times (default 100) and checks after each kill that the file opens and holds every write
that returned; then 16 threads of one process write at once (Streamlit's sessions), then
4 processes write to one file at once (two servers on one file: not supported, counted).
"""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from tco.data.store import Store
from tco.models import Scenario

WRITER = Path(__file__).resolve().parent.parent / "tests" / "hardening" / "store_writer.py"
KILLS = int(os.environ.get("TCO_KILLS", "100"))


def _stored(path: Path) -> set[str]:
    store = Store(path)
    return {s.name for s in store.saved_scenarios()} | {a.id for a in store.custom_accelerators()}


def kills(folder: Path) -> None:
    chance = random.Random(7)
    committed: set[str] = set()
    lost = opened = 0
    started = time.perf_counter()
    for round_ in range(KILLS):
        path = folder / f"kill-{round_ // 25}.duckdb"  # a fresh file every 25 kills
        if round_ % 25 == 0:
            committed = set()
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), f"k{round_}", "40"],
            stdout=subprocess.PIPE,
            text=True,
        )
        lines = []
        stop_after = chance.randint(0, 12)
        while len(lines) < stop_after and (line := writer.stdout.readline()):
            lines.append(line)
        time.sleep(chance.uniform(0, 0.03))
        writer.send_signal(signal.SIGKILL)
        lines += writer.stdout.readlines()
        writer.wait()
        committed |= {line.split()[2] for line in lines if line.startswith("ok")}
        stored = _stored(path)
        opened += 1
        lost += len(committed - stored)
    seconds = time.perf_counter() - started
    print(
        f"SIGKILL mid-write: {KILLS} kills in {seconds:.0f} s; file opened after {opened}/{KILLS}; "
        f"{len(committed)} writes committed in the last file; lost over all kills: {lost}"
    )


def threads(folder: Path, sessions: int = 16, writes: int = 20) -> None:
    store = Store(folder / "threads.duckdb")
    scenario = Scenario.example()
    failures: list[str] = []

    def session(index: int) -> None:
        for n in range(writes):
            try:
                store.save_scenario(scenario, f"t{index}-{n}")
            except Exception as exc:  # counted and printed
                failures.append(type(exc).__name__)

    started = time.perf_counter()
    pool = [threading.Thread(target=session, args=(i,)) for i in range(sessions)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    seconds = time.perf_counter() - started
    saved = len(store.saved_scenarios())
    print(
        f"{sessions} threads × {writes} saves at once: {saved}/{sessions * writes} stored, "
        f"{len(failures)} failed {sorted(set(failures))}, {seconds:.1f} s "
        f"({sessions * writes / seconds:.0f} saves/s)"
    )


def processes(folder: Path, count: int = 4, writes: int = 40) -> None:
    path = folder / "processes.duckdb"
    Store(path)
    started = time.perf_counter()
    pool = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(path), f"p{i}", str(writes)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(count)
    ]
    lines = [line for p in pool for line in p.communicate()[0].splitlines()]
    seconds = time.perf_counter() - started
    ok = {line.split()[2] for line in lines if line.startswith("ok")}
    busy = sum(line.startswith("busy") for line in lines)
    lost = len(ok - _stored(path))
    print(
        f"{count} processes × {writes} writes on one file: {len(ok)} committed, {busy} refused "
        f"as busy (one line each), {lost} lost, {seconds:.1f} s"
    )


def main() -> None:
    with TemporaryDirectory() as folder:
        kills(Path(folder))
        threads(Path(folder))
        processes(Path(folder))
