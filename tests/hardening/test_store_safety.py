"""The local store under abuse: SIGKILL in the middle of writes, and concurrent writers.

Each write is one DuckDB transaction on its own connection, so a kill at any moment must
leave every write that returned (reported "ok" by the writer) in a file that still opens.
"""

import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tco.data.presets import example_scenario
from tco.data.store import Store
from tco.models import Accelerator

CHAT = example_scenario(workload_ids=["chat"])  # one workload: chat on the default part

WRITER = Path(__file__).with_name("store_writer.py")
ROUNDS = 6


def _writer(path: Path, prefix: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(path), prefix, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _committed(lines: list[str]) -> dict[str, set[str]]:
    done: dict[str, set[str]] = {"scenario": set(), "accelerator": set()}
    for line in lines:
        status, kind, name = line.split()
        if status == "ok":
            done[kind].add(name)
    return done


def _stored(path: Path) -> dict[str, set[str]]:
    store = Store(path)  # the file opens (DuckDB replays its write-ahead log)
    saved = store.saved_scenarios()
    for item in saved:
        assert item.scenario().customer_name == item.name  # each one whole and valid
    return {
        "scenario": {s.name for s in saved},
        "accelerator": {a.id for a in store.custom_accelerators()},
    }


def test_sigkill_in_the_middle_of_writes_loses_nothing_committed(tmp_path):
    path = tmp_path / "store.duckdb"
    chance = random.Random(20260)
    committed: dict[str, set[str]] = {"scenario": set(), "accelerator": set()}
    for round_ in range(ROUNDS):
        with _writer(path, f"r{round_}", 60) as writer:  # closes its pipes at the end
            lines = []
            stop_after = chance.randint(1, 25)
            while len(lines) < stop_after and (line := writer.stdout.readline()):
                lines.append(line)
            time.sleep(chance.uniform(0, 0.03))  # land inside the next write or its checkpoint
            writer.send_signal(signal.SIGKILL)
            lines += writer.stdout.readlines()  # anything it reported before dying
            writer.wait()
            assert writer.returncode == -signal.SIGKILL, writer.stderr.read()[-2000:]
        for kind, names in _committed(lines).items():
            committed[kind] |= names
        stored = _stored(path)
        for kind in committed:
            assert committed[kind] <= stored[kind], f"round {round_}: lost {kind}s"
    assert sum(len(v) for v in committed.values()) >= ROUNDS


def test_concurrent_sessions_in_one_server_lose_nothing(tmp_path):
    """Streamlit serves every session from threads of one process sharing one Store."""
    store = Store(tmp_path / "store.duckdb")
    scenario = CHAT
    part = Accelerator.example().model_dump()
    errors: list[BaseException] = []

    def session(index: int) -> None:
        try:
            for n in range(12):
                name = f"t{index}-{n}"
                store.save_scenario(scenario.model_copy(update={"customer_name": name}), name)
                if n % 4 == 0:
                    store.add_accelerator(Accelerator.model_validate(part | {"id": name}))
                store.saved_scenarios()  # reads interleave with the writes
        except BaseException as exc:  # reported below, with the thread
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(store.saved_scenarios()) == 8 * 12
    assert len(store.custom_accelerators()) == 8 * 3


@pytest.mark.parametrize("writers", [3])
def test_concurrent_processes_lose_nothing_and_say_when_busy(tmp_path, writers):
    """Two servers on one file (not a supported set-up, see docs/operations.md): DuckDB lets
    one process hold the file; the store retries for a while, then refuses in one line."""
    path = tmp_path / "store.duckdb"
    Store(path)
    processes = [_writer(path, f"p{i}", 30) for i in range(writers)]
    lines = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-2000:]
        lines += out.splitlines()
    committed = _committed(lines)
    stored = _stored(path)
    for kind in committed:
        assert committed[kind] <= stored[kind]
    assert len(lines) == writers * 30  # every write either committed or refused in one line
