"""The SQL box: a read-only SELECT works; escapes are refused in one line; runaways stop."""

import pytest

from tco.data.sql.sandbox import MAX_ROWS, QueryRefusedError, run_query

ESCAPES = {
    "read a file": "SELECT * FROM read_csv('/etc/passwd')",
    "read a file by bare path": "SELECT * FROM '/etc/passwd'",
    "read_text": "SELECT * FROM read_text('/etc/hostname')",
    "glob": "SELECT * FROM glob('/*')",
    "parquet": "SELECT * FROM read_parquet('/tmp/*.parquet')",
    "http": "SELECT * FROM read_csv('http://example.com/x.csv')",
    "copy out": "COPY accelerators TO '/tmp/leak.csv'",
    "copy in": "COPY accelerators FROM '/etc/passwd'",
    "export": "EXPORT DATABASE '/tmp/leak'",
    "attach a file": "ATTACH '/tmp/other.duckdb' AS other",
    "attach memory": "ATTACH ':memory:' AS scratch",
    "install": "INSTALL httpfs",
    "load": "LOAD httpfs",
    "set": "SET enable_external_access = true",
    "reset": "RESET lock_configuration",
    "pragma": "PRAGMA database_list",
    "create": "CREATE TABLE t AS SELECT 1",
    "drop": "DROP TABLE accelerators",
    "delete": "DELETE FROM accelerators",
    "update": "UPDATE accelerators SET tdp_w = 1",
    "insert": "INSERT INTO accelerators (id) VALUES ('x')",
    "two statements": "SELECT 1; DROP TABLE accelerators",
    "hidden after comment": "SELECT 1 /* harmless */; DROP TABLE accelerators -- really",
    "call": "CALL duckdb_settings()",
    "checkpoint": "CHECKPOINT",
    "detach": "DETACH memory",
    "empty": "   ",
    "not sql": "hello there",
    "nul byte": "SELECT 1\x00",
    "too long": "SELECT " + "1+" * 5000 + "1",
}


@pytest.mark.parametrize("sql", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_attempts_are_refused_with_one_line(sql):
    with pytest.raises(QueryRefusedError) as caught:
        run_query(sql)
    assert "\n" not in str(caught.value)
    assert str(caught.value)


def test_catalogue_is_untouched_after_escape_attempts():
    for sql in ESCAPES.values():
        with pytest.raises(QueryRefusedError):
            run_query(sql)
    assert run_query("SELECT count(*) AS n FROM accelerators").rows[0][0] >= 33


def test_the_documented_query_works():
    result = run_query(
        "SELECT id, memory_bandwidth_tb_per_s FROM accelerators ORDER BY 2 DESC LIMIT 3"
    )
    assert result.columns == ["id", "memory_bandwidth_tb_per_s"]
    assert len(result.rows) == 3
    assert result.rows[0][1] >= result.rows[1][1] >= result.rows[2][1]


def test_comments_around_a_single_select_are_fine():
    assert run_query("/* which parts */ SELECT 42 AS answer -- done").rows == [(42,)]


@pytest.mark.parametrize(
    "sql",
    [
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t",
        "SELECT count(*) FROM range(1000000000) a, range(1000000000) b",
    ],
    ids=["endless recursive CTE", "huge cross join"],
)
def test_runaway_queries_are_stopped(sql):
    with pytest.raises(QueryRefusedError, match=r"time limit|Out of Memory"):
        run_query(sql, timeout_s=0.5)
    assert run_query("SELECT 1").rows == [(1,)]  # the sandbox still answers


def test_rows_are_capped():
    result = run_query("SELECT * FROM range(100000)")
    assert len(result.rows) == MAX_ROWS
    assert result.truncated


def test_settings_cannot_be_read_back_to_reopen_access():
    with pytest.raises(QueryRefusedError):
        run_query("SET enable_external_access = true")
    with pytest.raises(QueryRefusedError, match="disabled by configuration"):
        run_query("SELECT * FROM read_csv('/etc/passwd')")
