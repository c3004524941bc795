"""Protocol-level Streamlit sessions: what a browser sends and receives, without a browser.

A `Session` speaks Streamlit's websocket protocol (``/_stcore/stream``, subprotocol
``streamlit``): it sends ``BackMsg.rerun_script`` with the page and the widget values a
user changed, and reads ``ForwardMsg`` until ``script_finished``. Each run records its
latency, the exceptions and error alerts the page showed, its metric tiles and the ids of
its widgets (found by their keys). `drive` runs many sessions at once, each opening the
Overview and then changing inputs on the Scenario page and looking at the Overview again,
as a presenter would. ``python -m bench load`` reports the figures; tests use the same
client for a smoke run and for two replicas.
"""

import asyncio
import concurrent.futures
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from bench.stats import percentile
from tco.data.presets import example_scenario
from tco.io.links import encode
from tco.models import Scenario

ROOT = Path(__file__).resolve().parent.parent
RUN_TIMEOUT_S = 120.0
WIDGET_TYPES = {
    "number_input", "selectbox", "checkbox", "text_input", "button", "text_area", "button_group",
}  # fmt: skip
MONTE_CARLO_TIMEOUT_S = 900.0
"""How long one session waits for its Monte Carlo (a server runs two at a time) [s]."""


# --- one server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(port: int, process: subprocess.Popen | None = None, timeout_s: float = 90):
    """Until ``/_stcore/health`` answers ``ok``; RuntimeError if the server dies or hangs."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.read().strip() == b"ok":
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server on port {port} was not healthy within {timeout_s:.0f} s")


@contextmanager
def server(
    store: Path, port: int | None = None, log: Path | None = None, env: dict | None = None
) -> Iterator[tuple]:
    """The dashboard (`python -m tco.ui.serve`) on 127.0.0.1 with its own store (or the
    ``TCO_DATABASE_URL`` of ``env``) and ``env``'s settings: yields (port, process)."""
    port = port or free_port()
    env = {**os.environ, "TCO_STORE_PATH": str(store), **(env or {})}
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "tco.ui.serve",
         "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port)],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        wait_healthy(port, process)
        yield port, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            out.close()


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children (e.g. the image-export Chrome)."""
    try:
        proc = psutil.Process(pid)
        return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)])
    except psutil.Error:
        return 0


def run_sync(coroutine: Any) -> Any:
    """``asyncio.run`` in a thread of its own: Playwright's sync API (tests/e2e) keeps an
    event loop running in the main thread for the rest of a test session."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


# --- one session ------------------------------------------------------------------------


@dataclass
class Run:
    """What one rerun of a page showed."""

    seconds: float
    page: str
    exceptions: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)  # markdown, captions and alerts shown
    table_rows: dict[str, int] = field(default_factory=dict)  # data editor key → rows shown
    widgets: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (id, kind)
    finished: str = ""


def _widget_key(widget_id: str) -> str:
    """``$$ID-<hash>-sc.demand.tokens_per_day`` → ``sc.demand.tokens_per_day``."""
    return widget_id.split("-", 2)[-1] if widget_id.startswith("$$ID-") else widget_id


class Session:
    """One browser tab's worth of protocol: a websocket, the app's pages, the last run."""

    def __init__(self, port: int, query: str = "", headers: dict | None = None) -> None:
        self.url = f"ws://127.0.0.1:{port}/_stcore/stream"
        self.query = query
        self.headers = headers or {}  # e.g. what a signing-in reverse proxy adds
        self.pages: dict[str, str] = {}  # url path ("" for the Overview) → page hash
        self.page = ""
        self.widgets: dict[str, tuple[str, str]] = {}  # key → (id, kind), page last run
        self.ws = None

    async def __aenter__(self) -> "Session":
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=60,
            ping_interval=None, additional_headers=self.headers,
        )  # fmt: skip
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws.close()

    async def run(
        self,
        page: str | None = None,
        timeout_s: float = RUN_TIMEOUT_S,
        **widgets: float | str | bool | list[str],
    ) -> Run:
        """Rerun ``page`` (the current one when None), after setting widgets by key; a
        button (a form's ``FormSubmitter:…`` too) is clicked by setting it to True, a
        segmented control set to a list of its options' labels."""
        page = self.page if page is None else page
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.pages.get(page, "")
        state.page_name = page
        for key, value in widgets.items():
            state.widget_states.widgets.append(_widget_state(*self.widgets[key], value))
        started = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        run = Run(seconds=0.0, page=page)
        await asyncio.wait_for(self._read_until_finished(run), timeout_s)
        run.seconds = time.perf_counter() - started
        self.page, self.widgets = page, run.widgets
        return run

    async def _read_until_finished(self, run: Run) -> None:
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await self.ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                _record(msg.delta.new_element, run)
            elif kind == "script_finished":
                run.finished = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                return


def _record(element, run: Run) -> None:
    kind = element.WhichOneof("type")
    if kind == "exception":
        run.exceptions.append(f"{element.exception.type}: {element.exception.message[:200]}")
    elif kind == "alert":
        run.texts.append(element.alert.body)
        if element.alert.format == Alert.ERROR:
            run.errors.append(element.alert.body[:300])
    elif kind == "markdown":
        run.texts.append(element.markdown.body)
    elif kind == "metric":
        run.metrics[element.metric.label] = element.metric.body
    elif kind in WIDGET_TYPES:
        widget_id = getattr(element, kind).id
        run.widgets[_widget_key(widget_id)] = (widget_id, kind)
    elif kind == "dataframe" and element.dataframe.id:  # a data editor: a widget too
        widget_id = element.dataframe.id
        run.widgets[_widget_key(widget_id)] = (widget_id, "data_editor")
        run.table_rows[_widget_key(widget_id)] = _rows(element.dataframe.arrow_data.data)


def _rows(arrow_ipc: bytes) -> int:
    import pyarrow as pa

    return pa.ipc.open_stream(arrow_ipc).read_all().num_rows


def _widget_state(widget_id: str, kind: str, value: float | str | bool | list[str]) -> WidgetState:
    """What the browser sends for a widget: a click is a trigger, the rest a value."""
    state = WidgetState(id=widget_id)
    if kind == "button":
        state.trigger_value = bool(value)
    elif isinstance(value, list):
        state.string_array_value.data.extend(value)
    elif isinstance(value, bool):
        state.bool_value = value
    elif isinstance(value, int | float):
        state.double_value = float(value)
    else:
        state.string_value = value
    return state


# --- many sessions ----------------------------------------------------------------------

INPUTS = {
    "sc.demand.tokens_per_day": (1.0, 100.0),  # billion tokens a day, as the page shows it
    "sc.finance.wacc_frac": (2.0, 20.0),  # %/yr
    "sc.demand.peak_to_average": (1.0, 4.0),
}


@dataclass
class Stats:
    """Everything `drive` measured."""

    sessions: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    by_kind: dict[str, list[float]] = field(default_factory=dict)
    exceptions: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # disconnects, timeouts
    error_alerts: int = 0
    monte_carlo: list[float] = field(default_factory=list)  # each session's run [s]

    @property
    def errors(self) -> int:
        return len(self.exceptions) + len(self.failures)

    def percentile(self, q: int, values: list[float] | None = None) -> float:
        return percentile(self.latencies if values is None else values, q)

    @property
    def reruns_per_s(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def twelve_workloads(months: int = 180, tokens_scale: float = 1.0) -> Scenario:
    """Attack 2 of issue 13: the full preset mix repeated to 12 workloads, over ``months``
    (demand scaled by ``tokens_scale``, so that sessions do not share cached results)."""
    base = example_scenario()
    mix = list(base.workloads)
    while len(mix) < 12:
        w = base.workloads[len(mix) % len(base.workloads)]
        mix.append(
            w.model_copy(update={"id": f"{w.id}-{len(mix)}", "name": f"{w.name} {len(mix)}"})
        )
    shares = [1 / 12] * 11 + [1 - 11 / 12]
    document = base.model_dump()
    document["workloads"] = [
        w.model_dump() | {"share_frac": f} for w, f in zip(mix, shares, strict=True)
    ]
    document["horizon_months"] = months
    document["demand"]["tokens_per_day"] *= tokens_scale
    return Scenario.model_validate(document)


async def _user(
    port: int, seconds: float, think_s: float, seed: int, stats: Stats, samples: int = 0
) -> None:
    """Open the Overview; with ``samples``, first run that many Monte Carlo draws of a
    12-workload, 180-month link of its own; then, until time is up: Scenario page, change an
    input, Overview."""
    chance = random.Random(seed)
    deadline = time.monotonic() + seconds

    def keep(kind: str, run: Run) -> None:
        stats.latencies.append(run.seconds)
        stats.by_kind.setdefault(kind, []).append(run.seconds)
        stats.exceptions.extend(run.exceptions)
        stats.error_alerts += len(run.errors)

    query = f"s={encode(twelve_workloads(tokens_scale=1 + seed % 1000 / 1000))}" if samples else ""
    try:
        async with Session(port, query) as session:
            keep("open overview", await session.run(""))
            if samples:
                await session.run("uncertainty")
                label = f"{samples:,}"
                run = await session.run(timeout_s=MONTE_CARLO_TIMEOUT_S, **{"unc.samples": [label]})
                stats.monte_carlo.append(run.seconds)
                stats.exceptions.extend(run.exceptions)
                stats.error_alerts += len(run.errors)
                deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                await asyncio.sleep(chance.uniform(0, 2 * think_s))
                keep("open scenario page", await session.run("scenario"))
                key = chance.choice(list(INPUTS))
                low, high = INPUTS[key]
                value = round(chance.uniform(low, high), 1)
                await asyncio.sleep(chance.uniform(0, 2 * think_s))
                keep("change an input", await session.run(**{key: value}))
                await asyncio.sleep(chance.uniform(0, 2 * think_s))
                keep("back to overview", await session.run(""))
    except (OSError, TimeoutError, websockets.WebSocketException) as exc:
        stats.failures.append(f"{type(exc).__name__}: {exc}"[:200])


async def drive(
    port: int | list[int],
    sessions: int,
    seconds: float,
    think_s: float = 0.0,
    seed: int = 0,
    samples: int = 0,
) -> Stats:
    """``sessions`` users at once for ``seconds``; think time uniform in [0, 2·think_s].
    With several ports (replicas), users are spread over them in turn. With ``samples``,
    each user first runs a Monte Carlo of that many draws (see `_user`)."""
    ports = [port] if isinstance(port, int) else port
    stats = Stats(sessions=sessions, seconds=0.0)
    started = time.perf_counter()
    await asyncio.gather(
        *(
            _user(ports[i % len(ports)], seconds, think_s, seed * 1000 + i, stats, samples)
            for i in range(sessions)
        )
    )
    stats.seconds = time.perf_counter() - started
    return stats
