"""PNG and SVG of any chart, through kaleido and one warm Chrome per process.

Starting Chrome takes 2–3 s; rendering in a running Chrome takes a few hundred ms. So one
`Renderer` per process starts Chrome on first use (lazily) and keeps it: the CLI renders a
deck's pictures in one Chrome, and the app shares one Chrome between sessions (through
`st.cache_resource` in tco/ui). kaleido finds Debian's Chromium on PATH, or the browser
named by the ``BROWSER_PATH`` environment variable. If Chrome cannot start, a one-line
`ChromeError` says so and how to fix it; nothing waits forever.
"""

import asyncio
import contextlib
import threading
import warnings
from collections.abc import Coroutine
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Literal, TypeVar

import kaleido
import plotly.graph_objects as go

from tco.models.errors import TcoError

START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 60.0
DEFAULT_WIDTH_PX = 1920
DEFAULT_HEIGHT_PX = 1080
MAX_PIXELS = 8000 * 8000
ImageFormat = Literal["png", "svg"]
T = TypeVar("T")


class ChromeError(TcoError):
    """Chrome could not start or render; the message is one line with the fix."""


class Renderer:
    """One Chrome, on an event loop in a daemon thread, rendering one figure at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: kaleido.Kaleido | None = None

    @property
    def running(self) -> bool:
        return self._kaleido is not None

    def _event_loop(self) -> asyncio.AbstractEventLoop:
        """The renderer's event loop, running in a daemon thread from its first use."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            threading.Thread(target=self._loop.run_forever, daemon=True, name="chrome").start()
        return self._loop

    def _run(self, coroutine: Coroutine[Any, Any, T], timeout_s: float) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self._event_loop())
        try:
            return future.result(timeout_s)
        except FutureTimeout:
            future.cancel()
            raise ChromeError(f"Chrome did not answer within {timeout_s:.0f} s") from None

    def start(self) -> None:
        """Start Chrome now (the first render does it otherwise)."""
        with self._lock:
            self._start()

    def _start(self) -> kaleido.Kaleido:
        """The running Chrome, started first if need be."""
        if self._kaleido is not None:
            return self._kaleido

        async def open_browser() -> kaleido.Kaleido:
            browser = kaleido.Kaleido(n=1, timeout=RENDER_TIMEOUT_S)
            await browser.open()
            return browser

        try:
            self._kaleido = self._run(open_browser(), START_TIMEOUT_S)
        except ChromeError:
            raise
        except Exception as exc:
            raise ChromeError(
                f"Chrome could not start for image export ({type(exc).__name__}); install "
                "Chromium (Debian: apt-get install chromium) or set BROWSER_PATH to a Chrome binary"
            ) from None
        return self._kaleido

    def render(
        self, fig: go.Figure, fmt: ImageFormat, width: int, height: int, scale: float
    ) -> bytes:
        """The figure as PNG or SVG bytes at ``width`` × ``height`` CSS pixels × ``scale``."""
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        with self._lock:
            browser = self._start()
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="The kopts argument is ignored")
                try:
                    return self._run(browser.calc_fig(fig, opts=opts), RENDER_TIMEOUT_S)
                except ChromeError:
                    raise
                except Exception as exc:
                    raise ChromeError(f"Chrome could not render the chart: {exc}") from None

    def close(self) -> None:
        """Stop Chrome; the next render starts it again."""
        with self._lock:
            if self._kaleido is not None:
                browser, self._kaleido = self._kaleido, None
                # a Chrome that does not answer is left to die with the process
                with contextlib.suppress(ChromeError):
                    self._run(browser.close(), START_TIMEOUT_S)


_renderer = Renderer()


def default_renderer() -> Renderer:
    """The process's one renderer (the app wraps it in `st.cache_resource`)."""
    return _renderer


def _check_size(width: int, height: int, scale: float) -> None:
    if width < 100 or height < 100 or not 0.25 <= scale <= 8:
        raise TcoError("image size: width and height at least 100 px, scale between 0.25 and 8")
    if width * height * scale * scale > MAX_PIXELS:
        raise TcoError(f"image size: at most {MAX_PIXELS:,} pixels, choose a smaller size")


def figure_image(
    fig: go.Figure,
    fmt: ImageFormat = "png",
    *,
    width: int = DEFAULT_WIDTH_PX,
    height: int = DEFAULT_HEIGHT_PX,
    scale: float = 1.0,
    renderer: Renderer | None = None,
) -> bytes:
    """A chart as PNG (``width·scale`` × ``height·scale`` pixels) or SVG bytes."""
    _check_size(width, height, scale)
    return (renderer or _renderer).render(fig, fmt, width, height, scale)
