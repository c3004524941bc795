"""Issue 13: several replicas on one PostgreSQL lose nothing and see each other's saves, and
signed-in users never see each other's items (a real PostgreSQL, real processes, real servers).
"""

import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bench import loadgen
from tco.data.store import Owner, Store

WRITER = Path(__file__).with_name("store_writer.py")


def _writer(prefix: str, count: int) -> subprocess.Popen:
    """One replica writing scenarios to the database of ``TCO_DATABASE_URL``."""
    return subprocess.Popen(
        [sys.executable, str(WRITER), "-", prefix, str(count), "scenarios"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _names() -> set[str]:
    store = Store()  # a replica of its own: a new process's view has its own pool
    try:
        return {s.name for s in store.saved_scenarios()}
    finally:
        store.backend.close()


@pytest.mark.slow
def test_four_replicas_saving_100_each_at_once_lose_nothing(postgres_url):
    Store().backend.close()  # migrate first, as the first replica to start would
    processes = [_writer(f"p{i}", 100) for i in range(4)]
    lines = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err[-2000:]
        lines += out.splitlines()
    committed = {line.split()[2] for line in lines if line.startswith("ok")}
    assert len(committed) == 400, [line for line in lines if not line.startswith("ok")][:5]
    assert _names() == committed  # another replica sees every one of them
    assert _names() == committed


@pytest.mark.slow
def test_kill_9_of_a_replica_mid_save_loses_no_committed_item(postgres_url):
    Store().backend.close()
    chance = random.Random(13)
    committed: set[str] = set()
    for round_ in range(5):
        writer = _writer(f"k{round_}", 200)
        lines = []
        stop_after = chance.randint(1, 30)
        while len(lines) < stop_after and (line := writer.stdout.readline()):
            lines.append(line)
        writer.send_signal(signal.SIGKILL)  # wherever it is: mid-transaction, mid-commit
        out, err = writer.communicate()
        lines += out.splitlines()
        assert writer.returncode == -signal.SIGKILL, err[-2000:]
        committed |= {line.split()[2] for line in lines if line.startswith("ok")}
        assert committed <= _names(), f"round {round_}: lost a committed save"
    assert len(committed) >= 5


async def _signed_in(port: int, user: str | None, save_as: str | None = None) -> loadgen.Run:
    headers = {"X-Forwarded-User": user} if user else {}
    async with loadgen.Session(port, headers=headers) as session:
        await session.run("")
        run = await session.run("scenario")
        if save_as is not None:
            run = await session.run(**{"saved.name": save_as, "saved.save": True})
        return run


@pytest.mark.slow
def test_two_replicas_behind_a_signing_in_proxy(postgres_url, tmp_path):
    """Alice saves on replica 1 and finds it on replica 2 at once; Bob, on either, sees none
    of it; a request without the proxy's user header is anonymous and sees nothing."""
    env = {"TCO_DATABASE_URL": postgres_url, "TCO_AUTH": "header"}
    with (
        loadgen.server(tmp_path / "unused-1.duckdb", env=env) as (one, _),
        loadgen.server(tmp_path / "unused-2.duckdb", env=env) as (two, _),
    ):
        saved = loadgen.run_sync(_signed_in(one, "alice@example.com", "ACME bank, proposal B"))
        assert any("Saved as" in t for t in saved.texts), saved.texts
        alice = loadgen.run_sync(_signed_in(two, "alice@example.com"))
        bob = loadgen.run_sync(_signed_in(two, "bob@example.com"))
        anonymous = loadgen.run_sync(_signed_in(one, None))
    assert not (saved.exceptions)
    assert not (alice.exceptions)
    assert not (bob.exceptions)
    assert not anonymous.exceptions
    assert "saved.choice" in alice.widgets  # her list has her scenario
    assert "saved.choice" not in bob.widgets
    assert any("No saved scenarios yet" in t for t in bob.texts)
    assert "saved.choice" not in anonymous.widgets
    assert "saved.save" not in anonymous.widgets
    assert any("Sign in" in t for t in anonymous.texts)
    store = Store(owner=Owner("header|alice@example.com"))
    assert [s.name for s in store.saved_scenarios()] == ["ACME bank, proposal B"]
    store.backend.close()
