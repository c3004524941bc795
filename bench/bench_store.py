"""The store under abuse, with figures: SIGKILL mid-write, threads, processes, replicas.

Kills a writer process (tests/hardening/store_writer.py) at random moments ``TCO_KILLS``
times (default 100) and checks after each kill that the file opens and holds every write
that returned; then 16 threads of one process write at once (Streamlit's sessions), then
4 processes write to one file at once (two servers on one file: not supported, counted).
Then the same on a real PostgreSQL (bench/pg_server.py), where several replicas are the
supported set-up: 4 replicas × 100 saves at once, ``TCO_KILLS`` // 4 kills of a replica
mid-save, and one user's quota raced by 8 threads of two replicas.
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

from bench import pg_server
from tco.data.presets import example_scenario
from tco.data.store import Store

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part

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
    scenario = CHAT
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


def _replica(prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), "-", prefix, str(count), "scenarios"],
        stdout=subprocess.PIPE,
        text=True,
    )


def _saved_names() -> set[str]:
    store = Store()
    try:
        return {s.name for s in store.saved_scenarios()}
    finally:
        store.backend.close()


def replicas(count: int = 4, saves: int = 100) -> None:
    started = time.perf_counter()
    pool = [_replica(f"r{i}", saves) for i in range(count)]
    lines = [line for p in pool for line in p.communicate()[0].splitlines()]
    seconds = time.perf_counter() - started
    ok = {line.split()[2] for line in lines if line.startswith("ok")}
    seen = _saved_names()
    print(
        f"PostgreSQL, {count} replicas × {saves} saves at once: {len(ok)} committed, "
        f"{len(ok - seen)} lost, another replica lists {len(seen & ok)}; {seconds:.1f} s "
        f"({len(ok) / seconds:.0f} saves/s)"
    )


def replica_kills(rounds: int) -> None:
    chance = random.Random(13)
    committed: set[str] = set()
    lost = 0
    for round_ in range(rounds):
        writer = _replica(f"k{round_}", 200)
        lines = []
        stop_after = chance.randint(1, 30)
        while len(lines) < stop_after and (line := writer.stdout.readline()):
            lines.append(line)
        time.sleep(chance.uniform(0, 0.02))
        writer.send_signal(signal.SIGKILL)
        lines += writer.communicate()[0].splitlines()
        committed |= {line.split()[2] for line in lines if line.startswith("ok")}
        lost = len(committed - _saved_names())
    print(
        f"PostgreSQL, SIGKILL of a replica mid-save: {rounds} kills, {len(committed)} saves "
        f"committed before them, {lost} lost"
    )


def quota_race(limit: int = 50) -> None:
    from tco.data import store as store_package
    from tco.data.store import backend as rules
    from tco.models.errors import TcoError

    original = rules.MAX_SAVED_SCENARIOS
    rules.MAX_SAVED_SCENARIOS = limit
    views = [store_package.Store(owner=store_package.Owner("racer")) for _ in range(2)]
    outcomes: list[bool] = []

    def race(view, prefix: str) -> None:
        for n in range(25):
            try:
                view.save_scenario(CHAT, f"{prefix}-{n}")
                outcomes.append(True)
            except TcoError:
                outcomes.append(False)

    try:
        pool = [threading.Thread(target=race, args=(views[i % 2], f"q{i}")) for i in range(8)]
        for thread in pool:
            thread.start()
        for thread in pool:
            thread.join()
        stored = len(views[0].saved_scenarios())
    finally:
        rules.MAX_SAVED_SCENARIOS = original
        for view in views:
            view.backend.close()
    print(
        f"PostgreSQL, one user's quota of {limit} raced by 8 threads on 2 replicas "
        f"(200 saves): {sum(outcomes)} saved, {len(outcomes) - sum(outcomes)} refused in one "
        f"line, {stored} stored"
    )


def main() -> None:
    with TemporaryDirectory() as folder:
        kills(Path(folder))
        threads(Path(folder))
        processes(Path(folder))
    with pg_server.server() as url:
        for name, run in [("replicas", replicas), ("kills", lambda: replica_kills(KILLS // 4)),
                          ("quota", quota_race)]:  # fmt: skip
            os.environ["TCO_DATABASE_URL"] = pg_server.fresh_database(url, f"bench_{name}")
            Store().backend.close()  # migrated once, as the first replica to start would
            run()
        del os.environ["TCO_DATABASE_URL"]
