"""The SQL box's worker process: memory hogs refused in one line without touching the
server's memory, a stuck worker killed and replaced, nothing written to disk."""

import os
import signal
import threading

import psutil
import pytest
from test_sql import ESCAPES

from tco.data.sql import worker as sql_worker
from tco.data.sql.sandbox import QueryRefusedError, run_query
from tco.data.sql.worker import IsolatedSandbox
from tco.models import Accelerator

HOGS = {
    "a list of 100 million numbers": "SELECT list(range(100000000))",
    "a string doubled to 1 GB": "WITH RECURSIVE t(s) AS (SELECT 'x' UNION ALL SELECT s || s "
    "FROM t WHERE length(s) < 1000000000) SELECT max(length(s)) FROM t",
    "a 2 GB string": "SELECT repeat('x', 2000000000)",
    "a sort bigger than memory": "SELECT count(*) FROM (SELECT * FROM range(30000000) "
    "ORDER BY random())",
}


@pytest.fixture(scope="module")
def box():
    sandbox = IsolatedSandbox()
    yield sandbox
    sandbox.close()


@pytest.mark.parametrize("sql", ESCAPES.values(), ids=ESCAPES.keys())
def test_escapes_are_refused_in_one_line(box, sql):
    with pytest.raises(QueryRefusedError) as refused:
        box.run(sql)
    assert "\n" not in str(refused.value)


def test_memory_hogs_are_refused_and_the_server_does_not_grow(box):
    server = psutil.Process()
    before = server.memory_info().rss
    for name, sql in HOGS.items():
        with pytest.raises(QueryRefusedError, match=r"Out of Memory|time limit"):
            box.run(sql)
        assert box.run("SELECT 1 AS ok").rows == [(1,)], name
    assert server.memory_info().rss - before < 100 * 1024 * 1024
    assert psutil.Process(box.pid).memory_info().rss < 1200 * 1024 * 1024


def test_a_stuck_worker_is_killed_and_the_next_query_gets_a_new_one(box, monkeypatch):
    monkeypatch.setattr(sql_worker, "KILL_GRACE_S", 0.2)
    box.run("SELECT 1")
    stuck = box.pid
    os.kill(stuck, signal.SIGSTOP)  # a query that ignores DuckDB's interrupt looks like this
    with pytest.raises(QueryRefusedError, match="time limit"):
        box.run("SELECT 1", timeout_s=0.3)
    assert not psutil.pid_exists(stuck) or psutil.Process(stuck).status() == "zombie"
    assert box.run("SELECT 2 AS n").rows == [(2,)]
    assert box.pid != stuck


def test_a_worker_that_dies_mid_query_gives_one_line_and_a_new_worker(box):
    box.run("SELECT 1")
    dying = box.pid
    threading.Timer(0.3, os.kill, (dying, signal.SIGKILL)).start()
    endless = (
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t"
    )
    with pytest.raises(QueryRefusedError, match="stopped the SQL engine"):
        box.run(endless, timeout_s=10)
    assert box.run("SELECT 3 AS n").rows == [(3,)]
    assert box.pid != dying


def test_rows_cells_and_answers_are_capped(box):
    rows = box.run("SELECT * FROM range(100000)")
    assert len(rows.rows) == 1000
    assert rows.truncated
    [(cell,)] = box.run("SELECT repeat('x', 100000)").rows
    assert len(cell) == sql_worker.MAX_CELL_CHARS
    with pytest.raises(QueryRefusedError, match="larger than"):
        box.run("SELECT repeat('a', 5000) AS a, repeat('b', 5000) AS b, repeat('c', 5000) AS c "
                "FROM range(1000)")  # fmt: skip


def test_the_users_own_parts_are_queried_and_a_change_restarts_the_worker(box):
    part = Accelerator.example().model_copy(update={"id": "my-part", "custom": True})
    first = box.run("SELECT count(*) FROM accelerators WHERE id = 'my-part'", [part])
    assert first.rows == [(1,)]
    pid = box.pid
    assert box.run("SELECT count(*) FROM accelerators WHERE id = 'my-part'").rows == [(0,)]
    assert box.pid != pid


def test_the_sandbox_writes_nothing_to_disk(tmp_path, monkeypatch):
    """DuckDB spilled big sorts and joins to .tmp/ in the working directory until
    temp_directory was emptied; past the memory limit a query is now refused."""
    monkeypatch.chdir(tmp_path)
    from tco.data.catalogue import builtin_catalogue
    from tco.data.sql.sandbox import sandbox

    with pytest.raises(QueryRefusedError, match="Out of Memory"):
        run_query(HOGS["a sort bigger than memory"], sandbox(builtin_catalogue()), timeout_s=30)
    assert list(tmp_path.iterdir()) == []


def test_no_answer_or_refusal_names_a_folder_of_the_server(box):
    """Issue 13, attack 9: SQL errors showed /root/.duckdb/…, and the settings held it."""
    home = os.path.expanduser("~")
    with pytest.raises(QueryRefusedError) as refused:
        box.run("SELECT * FROM duckdb_extensions()")
    assert home not in str(refused.value)
    assert ".duckdb" not in str(refused.value)
    settings = box.run("SELECT name, value FROM duckdb_settings()")
    assert not [row for row in settings.rows if home in str(row[1]) or ".duckdb" in str(row[1])]


ENDLESS = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t"


def _at_once(box: IsolatedSandbox, queries: list[tuple[str, str]]) -> list[object]:
    """Each (session, query) in a thread of its own, arriving in this order; each one's
    answer or refusal."""
    outcomes: list[object] = [None] * len(queries)

    def ask(index: int, session: str, sql: str) -> None:
        try:
            outcomes[index] = box.run(sql, session=session)
        except QueryRefusedError as exc:
            outcomes[index] = exc

    threads = [threading.Thread(target=ask, args=(i, *q)) for i, q in enumerate(queries)]
    for thread in threads:
        thread.start()
        thread.join(0.2)
    for thread in threads:
        thread.join()
    return outcomes


def test_three_endless_queries_do_not_hold_up_another_users_select_for_long():
    """Issue 13, attack 8: behind one global queue, three endless CTEs made another user's
    SELECT 42 wait 5.7 s, and the wait grew with every user. Now two workers serve the
    queue in order of arrival, so SELECT 42 is answered as soon as a worker frees."""
    box = IsolatedSandbox(workers=2, queue_wait_s=60)
    try:
        *attacks, victim = _at_once(
            box, [("a", ENDLESS), ("b", ENDLESS), ("c", ENDLESS), ("d", "SELECT 42 AS x")]
        )
    finally:
        box.close()
    assert victim.rows == [(42,)]
    assert all("time limit" in str(attack) for attack in attacks)


def test_the_wait_for_a_worker_is_bounded_and_a_session_has_one_query_at_a_time():
    box = IsolatedSandbox(workers=1, queue_wait_s=0.3)
    try:
        attack, again, other = _at_once(box, [("a", ENDLESS), ("a", "SELECT 2"), ("b", "SELECT 1")])
    finally:
        box.close()
    assert "time limit" in str(attack)
    assert "your previous query is still running" in str(again)
    assert "the SQL box is busy with other people's queries" in str(other)
