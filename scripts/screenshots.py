"""Screenshots of every page at 1440 px wide, for reviewers and the README.

    uv run python scripts/screenshots.py            # writes docs/screenshots/*.png

Starts the real server with an empty store, opens each page in Debian's Chromium, waits
for its charts, grows the window to the page's full height and saves a PNG.
"""

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, free_port, start_server  # noqa: E402

from tco.analysis.variants import QUICK  # noqa: E402
from tco.data.presets import default_scenario  # noqa: E402
from tco.io.links import encode, encode_variants  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTH, HEIGHT = 1440, 900
ACME = default_scenario().model_copy(
    update={"customer_name": "ACME bank", "name": "ACME bank, proposal B"}
)
COMPARE = encode_variants(
    [QUICK["NVIDIA B200 instead"], QUICK["Cloud on demand instead of owning"]]
)

# file name → (path and query, how many charts to wait for)
SHOTS: dict[str, tuple[str, int]] = {
    "overview": ("/", 2),
    "scenario": ("/scenario", 0),
    "compare": (f"/compare?c={COMPARE}", 3),
    "uncertainty": ("/uncertainty", 2),
    "performance": ("/performance", 2),
    "catalogue": ("/catalogue", 0),
    "catalogue-specs": ("/catalogue?tab=Compare+specs", 2),
    "catalogue-prices": ("/catalogue?tab=Prices", 1),
    "catalogue-generations": ("/catalogue?tab=Generations", 1),
    "presentation": (f"/?present=true&s={encode(ACME)}", 2),
}
if (ROOT / "pages" / "export.py").is_file():
    SHOTS["export"] = ("/export", 0)
SHOTS["plan"] = ("/plan", 1)
SHOTS["plan-optimise"] = ("/plan?tab=Optimise", 3)
SHOTS["plan-traffic"] = ("/plan?tab=Traffic+log", 1)


def _search(page: Page) -> None:
    """The optimiser runs when asked: press Search with the default limits."""
    page.get_by_role("button", name="Search").click()


ACTIONS: dict[str, Callable[[Page], None]] = {"plan-optimise": _search}
"""What to do on a page before its charts appear (file name → action)."""


def _shoot(page: Page, url: str, charts: int, path: Path) -> None:
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(url)
    page.get_by_role("heading", level=1).first.wait_for(timeout=60_000)
    if action := ACTIONS.get(path.stem):
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
            timeout=120_000,
        )
        action(page)
    if charts:
        page.locator(".js-plotly-plot .main-svg").nth(charts - 1).wait_for(timeout=60_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120_000
    )
    page.wait_for_timeout(800)  # let charts finish their transitions
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
        "[data-testid=stMainBlockContainer]')].map(e => e.scrollHeight), 900)"
    )
    page.set_viewport_size({"width": WIDTH, "height": min(int(height) + 40, 8000)})
    page.wait_for_timeout(600)
    page.screenshot(path=str(path), full_page=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server = start_server(Path(folder) / "store.duckdb", port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                for name, (path, charts) in SHOTS.items():
                    target = OUT / f"{name}.png"
                    _shoot(page, f"http://127.0.0.1:{port}{path}", charts, target)
                    print(f"saved {target.relative_to(ROOT)}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
