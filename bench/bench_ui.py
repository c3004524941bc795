"""Dashboard latency in Debian's Chromium on this machine; prints the figures.

- cold start to first chart: a fresh server (nothing imported, nothing cached), a fresh
  browser context, navigate to / and wait until the first Plotly chart has drawn;
- first chart, server warm: the same from a second, fresh browser context (what the next
  user, or a shared link, sees);
- widget change to updated output, over N changes each (p50, p95, max):
  the WACC on the Scenario page until the cost metric shows the new figure, and the spec
  chosen on the Catalogue page until the chart's axis shows the new spec.

Targets (issue #5): first chart ≤ 3 s; update p50 ≤ 300 ms, p95 ≤ 800 ms.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.stats import percentile

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "e2e"))
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, free_port, start_server

CHANGES = 24
VIEWPORT = {"width": 1440, "height": 900}
CHART = ".js-plotly-plot .main-svg"
COST = "[data-testid=stMetricValue]"  # the first tile on the Scenario page: cost per M tokens


def _first_chart(page: Page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url)
    page.locator(CHART).first.wait_for(timeout=60_000)
    return time.perf_counter() - started


def _percentiles(label: str, seconds: list[float]) -> None:
    ms = [s * 1000 for s in seconds]
    print(
        f"{label}: p50 {percentile(ms, 50):.0f} ms, p95 {percentile(ms, 95):.0f} ms, "
        f"max {max(ms):.0f} ms over {len(ms)} changes"
    )


def _scenario_changes(page: Page, url: str) -> list[float]:
    """Type a new WACC and wait until the cost metric shows a different figure."""
    page.goto(f"{url}/scenario")
    page.locator(COST).first.wait_for(timeout=60_000)
    field = page.get_by_role("spinbutton", name="Discount rate (WACC) [%/yr]")
    times = []
    for index in range(CHANGES):
        before = page.locator(COST).first.inner_text()
        field.fill(str(6 + index % 2 * 4))  # 6 % and 10 % in turn
        started = time.perf_counter()
        field.press("Enter")
        page.wait_for_function(
            "([sel, old]) => { const e = document.querySelector(sel);"
            " return e && e.innerText !== old; }",
            arg=[COST, before],
            timeout=30_000,
        )
        times.append(time.perf_counter() - started)
    return times


def _catalogue_changes(page: Page, url: str) -> list[float]:
    """Pick another spec and wait until the spec chart's axis names it."""
    page.goto(f"{url}/catalogue")
    page.get_by_role("tab", name="Compare specs").click()
    page.locator(CHART).first.wait_for(timeout=60_000)
    specs = [("Memory", "Memory [GB]"), ("Memory bandwidth", "Memory bandwidth [TB/s]")]
    times = []
    for index in range(CHANGES):
        button, axis = specs[index % 2]
        started = time.perf_counter()
        page.get_by_role("radio", name=button, exact=True).click()
        page.wait_for_function(
            "(axis) => [...document.querySelectorAll('.xtitle')].some(t => t.textContent === axis)",
            arg=axis,
            timeout=30_000,
        )
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} (1, 5, 15 min) at the start")
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server = start_server(Path(folder) / "store.duckdb", port)
        url = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                cold = _first_chart(browser.new_context(viewport=VIEWPORT).new_page(), url)
                print(f"cold start to first chart (fresh server and browser): {cold:.2f} s")
                warm = [
                    _first_chart(browser.new_context(viewport=VIEWPORT).new_page(), url)
                    for _ in range(3)
                ]
                print(
                    f"first chart in a fresh browser context, server warm: median "
                    f"{statistics.median(warm):.2f} s (runs: {', '.join(f'{w:.2f}' for w in warm)})"
                )
                context = browser.new_context(viewport=VIEWPORT)
                _first_chart(context.new_page(), url)
                again = _first_chart(context.new_page(), url)
                print(
                    f"first chart in a new tab of the same browser (its cache warm): {again:.2f} s"
                )
                page = context.new_page()
                _percentiles("scenario input to updated cost", _scenario_changes(page, url))
                _percentiles("catalogue spec to updated chart", _catalogue_changes(page, url))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    print("targets: first chart <= 3 s; update p50 <= 300 ms, p95 <= 800 ms")
