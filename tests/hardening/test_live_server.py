"""The real server driven at the protocol level (bench/loadgen.py): a short load smoke run,
the SQL box's runaway query while another session works, and two replicas serving one link.

Each test starts real servers (`python -m tco.ui.serve`), so they are marked slow; the long
load run with figures is ``python -m bench load``.
"""

import asyncio
import urllib.error
import urllib.request

import pytest

from bench import loadgen
from tco.data.presets import example_scenario
from tco.io.links import encode

pytestmark = pytest.mark.slow
RUNAWAY = "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t"
SUBMIT = "FormSubmitter:sql_form-Run query"


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    with loadgen.server(tmp_path_factory.mktemp("store") / "store.duckdb") as (port, _):
        yield port


def test_health_endpoint_answers(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=30) as r:
        assert r.read().strip() == b"ok"


def test_streamlits_metrics_are_not_public(port):
    """Issue 13, attack 9: /_stcore/metrics told anyone the names and sizes of the server's
    caches; it now answers 404 (and is not the app's page either)."""
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=30)
    refused.value.close()  # the error holds the response open
    assert refused.value.code == 404


def test_sessions_loading_the_overview_and_changing_inputs_see_no_errors(port):
    stats = loadgen.run_sync(loadgen.drive(port, sessions=4, seconds=6))
    assert stats.failures == []
    assert stats.exceptions == []
    assert stats.error_alerts == 0
    assert {"open overview", "change an input", "back to overview"} <= set(stats.by_kind)


def test_a_runaway_query_is_cut_off_while_other_sessions_keep_working(port):
    async def scenario() -> tuple[loadgen.Run, int]:
        async with (
            loadgen.Session(port, query="tab=SQL") as analyst,
            loadgen.Session(port) as presenter,
        ):
            await analyst.run("catalogue")
            await presenter.run("")
            query = asyncio.create_task(analyst.run(sql=RUNAWAY, **{SUBMIT: True}))
            served_meanwhile = 0
            while not query.done():
                run = await presenter.run("")
                assert run.exceptions == []
                served_meanwhile += not query.done()
            return await query, served_meanwhile

    refused, served_meanwhile = loadgen.run_sync(scenario())
    assert refused.exceptions == []
    assert any("time limit" in e for e in refused.errors)
    assert served_meanwhile >= 2  # the presenter's page kept answering during the query


def test_two_replicas_serve_the_same_link_with_the_same_figures(port, tmp_path):
    link = encode(example_scenario("colocation", "nvidia-h200-sxm", ["chat", "code"]))

    async def overview(on_port: int, query: str) -> loadgen.Run:
        async with loadgen.Session(on_port, query=query) as session:
            return await session.run("")

    with loadgen.server(tmp_path / "other-store.duckdb") as (other, _):
        first = loadgen.run_sync(overview(port, f"s={link}"))
        second = loadgen.run_sync(overview(other, f"s={link}"))
        default = loadgen.run_sync(overview(other, ""))
    assert first.exceptions == second.exceptions == []
    assert first.metrics["Cost per M tokens"].startswith("$")
    assert first.metrics == second.metrics
    assert first.metrics != default.metrics  # the link, not the default, was served
